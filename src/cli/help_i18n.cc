#include "src/cli/help_i18n.h"

#include "src/i18n/messages.h"

namespace renumber {
namespace {

void Collect(const CLI::App& app, std::vector<std::string>* out) {
  auto add = [out](const std::string& s) {
    if (!s.empty()) out->push_back(s);
  };
  add(app.get_description());
  add(app.get_footer());
  if (app.get_parent()) add(app.get_group());
  for (const CLI::Option* o : app.get_options()) {
    add(o->get_description());
    add(o->get_group());
  }
  for (const CLI::App* sub : app.get_subcommands({})) Collect(*sub, out);
}

std::string Ja(const std::string& en) {
  const std::string_view ja = HelpJa(en);
  return ja.empty() ? en : std::string(ja);
}

void Translate(CLI::App* app) {
  if (!app->get_description().empty())
    app->description(Ja(app->get_description()));
  if (!app->get_footer().empty()) app->footer(Ja(app->get_footer()));
  if (app->get_parent() && !app->get_group().empty())
    app->group(Ja(app->get_group()));
  for (CLI::Option* o : app->get_options()) {
    o->description(Ja(o->get_description()));
    if (!o->get_group().empty()) o->group(Ja(o->get_group()));
  }
  for (CLI::App* sub : app->get_subcommands({})) Translate(sub);
}

// Terminal columns of `s` (CJK and other 3- and 4-byte UTF-8 characters
// count two).
size_t Columns(const std::string& s) {
  size_t cols = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80         ? 1
                       : (c >> 5) == 6  ? 2
                       : (c >> 4) == 14 ? 3
                                        : 4;
    cols += len >= 3 ? 2 : 1;
    i += len;
  }
  return cols;
}

// CLI11's formatter, with option lines padded by terminal columns rather
// than bytes, so that Japanese labels keep the descriptions aligned.
class ColumnFormatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* opt,
                          bool is_positional) const override {
    const std::string name =
        "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
    const std::string desc = make_option_desc(opt);
    const size_t width = get_column_width();
    const std::string pad(width, ' ');
    std::string out = name;
    if (!desc.empty()) {
      const size_t used = Columns(name);
      out += used >= width ? "\n" + pad : std::string(width - used, ' ');
      for (char c : desc) {
        out += c;
        if (c == '\n') out += pad;
      }
    }
    return out + "\n";
  }
};

// The argument part of a CLI11 message: what follows its last ": ".
std::string Detail(const std::string& what) {
  const size_t colon = what.rfind(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

void SetFormatter(CLI::App* app, const std::shared_ptr<CLI::Formatter>& f) {
  app->formatter(f);
  for (CLI::App* sub : app->get_subcommands({})) SetFormatter(sub, f);
}

}  // namespace

std::vector<std::string> HelpStrings(const CLI::App& app) {
  std::vector<std::string> out;
  Collect(app, &out);
  return out;
}

void LocalizeHelp(CLI::App* app, Lang lang) {
  if (lang != Lang::kJa) return;
  Translate(app);
  auto f = std::make_shared<ColumnFormatter>();
  f->column_width(34);
  SetFormatter(app, f);
  for (const char* key : {"Usage", "OPTIONS", "SUBCOMMAND", "SUBCOMMANDS",
                          "REQUIRED", "Positionals", "Needs", "Excludes", "Env",
                          "TEXT", "INT", "UINT", "FLOAT", "BOOLEAN"})
    f->label(key, Tr(lang, std::string("help.label.") + key));
}

std::string ParseErrorText(const CLI::ParseError& e, Lang lang) {
  const std::string what = e.what();
  if (lang != Lang::kJa) return what;
  // By type: get_name() is the app's name for errors a subcommand throws
  // with its own name (CLI11's ExtrasError(name, args)).
  auto is = [&e](auto* type) {
    return dynamic_cast<decltype(type)>(&e) != nullptr;
  };
  const char* key =
      is((const CLI::ExtrasError*)nullptr)        ? "help.error.extras"
      : is((const CLI::RequiredError*)nullptr)    ? "help.error.required"
      : is((const CLI::ArgumentMismatch*)nullptr) ? "help.error.mismatch"
      : is((const CLI::ConversionError*)nullptr)  ? "help.error.conversion"
      : is((const CLI::ValidationError*)nullptr)  ? "help.error.validation"
      : is((const CLI::ExcludesError*)nullptr)    ? "help.error.excludes"
      : is((const CLI::RequiresError*)nullptr)    ? "help.error.requires"
      : is((const CLI::InvalidError*)nullptr) ||
              is((const CLI::HorribleError*)nullptr)
          ? "help.error.invalid"
          : "help.error.other";
  return Tr(lang, key, Detail(what));
}

}  // namespace renumber
