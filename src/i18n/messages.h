// The message catalog: one entry per user-facing message, in English and
// Japanese. Add entries to the table in the messages_*.cc file of your
// area; keys are "area.what", e.g. "cli.refused_no_tty".
#ifndef RENUMBER_I18N_MESSAGES_H_
#define RENUMBER_I18N_MESSAGES_H_

#include <string_view>
#include <vector>

namespace renumber {

struct MessageEntry {
  std::string_view key;
  std::string_view en;
  std::string_view ja;
};

// Each area's table; messages.cc joins them.
const std::vector<MessageEntry>& CliMessages();        // messages_cli.cc
const std::vector<MessageEntry>& EngineMessages();     // messages_engine.cc
const std::vector<MessageEntry>& SimMessages();        // messages_sim.cc
const std::vector<MessageEntry>& VaultMessages();      // messages_vault.cc
const std::vector<MessageEntry>& ReportMessages();     // messages_report.cc
const std::vector<MessageEntry>& PreflightMessages();  // messages_preflight.cc
const std::vector<MessageEntry>& StoreMessages();      // messages_store.cc

const std::vector<MessageEntry>& AllMessages();
const MessageEntry* FindMessage(std::string_view key);

// --help texts: declared in English where each option is (src/cli,
// src/vault, src/sim), their Japanese here, looked up by the English text
// (messages_help.cc). HelpJa is "" for a text not in the table.
struct HelpEntry {
  std::string_view en;
  std::string_view ja;
};
const std::vector<HelpEntry>& HelpTexts();
std::string_view HelpJa(std::string_view en);

}  // namespace renumber

#endif  // RENUMBER_I18N_MESSAGES_H_
