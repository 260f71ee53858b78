// A third vendor that exists only in tests, to show what adding a vendor
// takes: this folder and one RegisterToyVendor() call (in place of the two
// list lines a shipped vendor has, adapters/services.cc and registry.cc).
//
// "Toy" keeps a list of target addresses per account, behind a tiny
// HTTP API (toy_simulator.h). Its service is "toy"; its credentials are a
// plain "login" and a secret "key".
#ifndef RENUMBER_TESTS_TOY_VENDOR_TOY_VENDOR_H_
#define RENUMBER_TESTS_TOY_VENDOR_TOY_VENDOR_H_

#include <memory>

#include "adapters/registry.h"

namespace renumber {

ServiceSpec ToyServiceSpec();

// The factory; the adapter's class stays in toy_adapter.cc.
Result<std::unique_ptr<Adapter>> NewToyAdapter(const Credentials& credentials,
                                               const AdapterDeps& deps);

// Registers the toy vendor (service and factory) once per process; later
// calls return the first call's status.
Status RegisterToyVendor();

}  // namespace renumber

#endif  // RENUMBER_TESTS_TOY_VENDOR_TOY_VENDOR_H_
