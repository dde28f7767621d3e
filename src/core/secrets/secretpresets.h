#pragma once

// Presets of injected-secrets (projectconfig.h, InjectedSecret): the hosts and the header of
// the common API providers, so that usually only the variable's name is needed in the config:
//
//   injected-secrets:
//     ANTHROPIC_API_KEY:           # the preset "anthropic", chosen by the name
//     MY_KEY: {preset: openai}     # a preset by its name
//     OTHER: {hosts: [api.example.com], header: 'Authorization: Bearer {}'}

#include "config/projectconfig.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ocs::secretpresets {

struct Preset
{
    QString name;          // "anthropic"
    QString label;         // "Anthropic API", for the user
    QStringList variables; // the variable names that choose it (ANTHROPIC_API_KEY)
    QStringList hosts;     // exact host names
    QString header;        // header name
    QString format;        // the header's value, "{}" standing for the secret
    QStringList gitHosts;  // git over HTTPS (basic auth through a git credential helper)
};

// All presets, in the order the README lists them.
const QList<Preset> &all();
// The preset named `name` (case-sensitive), or null.
const Preset *find(const QString &name);
// The preset a variable name chooses (ANTHROPIC_API_KEY -> anthropic), or null.
const Preset *forVariable(const QString &variable);

// An entry with the preset's hosts, header, format and git hosts.
InjectedSecret apply(const QString &variable, const Preset &preset);

// The defaults of an entry: those of `preset` if given (else of the preset its name chooses,
// if any), else only the name.
InjectedSecret defaults(const QString &variable, const QString &preset = QString());

// An entry's value in the config file, as the writer writes it and the config hash holds it:
// empty when the name's preset says it all ("NAME:"), else a flow map with what differs from
// the defaults, e.g. "{hosts: [api.example.com], header: 'Authorization: Bearer {}'}".
QString toYaml(const InjectedSecret &secret);
// The inverse of toYaml() for what it writes (the config reader checks what users write).
InjectedSecret fromYaml(const QString &variable, const QString &text);
// The header field as written: "x-api-key" or "Authorization: Bearer {}".
QString headerText(const InjectedSecret &secret);
// Splits a header field into its name and value format ("{}" when it has no ':').
void splitHeader(const QString &text, QString *header, QString *format);

} // namespace ocs::secretpresets
