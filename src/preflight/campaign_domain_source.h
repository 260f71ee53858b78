// The customers' domains as the engine's discovery read them from the
// vendors: AccountReport::domains of a plan or verify campaign (ESS: every
// domain of the account, `GET /v1/domains`; CDN: the domains of each
// service's active version, `GET /service/{sid}/version/{v}/domain`). The
// adapters fill them when AdapterDeps::list_domains is set.
//
// Domains(account): the names discovered for that account (possibly none);
// kNotFound for an account that is not in the campaign; kUnavailable,
// quoting the account's error, when its discovery failed (no credentials,
// the vendor refused, a timeout): preflight then says the domains could
// not be read instead of checking nothing in silence.
//
// Copies what it needs at construction; thread-safe.
#ifndef RENUMBER_PREFLIGHT_CAMPAIGN_DOMAIN_SOURCE_H_
#define RENUMBER_PREFLIGHT_CAMPAIGN_DOMAIN_SOURCE_H_

#include <memory>

#include "src/engine/campaign.h"
#include "src/preflight/domain_source.h"

namespace renumber {

std::unique_ptr<DomainSource> NewCampaignDomainSource(
    const CampaignResult& result);

}  // namespace renumber

#endif  // RENUMBER_PREFLIGHT_CAMPAIGN_DOMAIN_SOURCE_H_
