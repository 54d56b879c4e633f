// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QTranslator>

namespace Patchboard {

// English is the source language, so it has no .qm file, and Qt leaves the numerus source texts
// as written: "%Ln device(s)". This translator gives English its two plural forms ("1 device",
// "2 devices") for every source text with "(s)" and a count; everything else falls through to
// the source text. Installed first, so that a language's own translator is asked before it.
class EnglishPlurals : public QTranslator
{
    Q_OBJECT
public:
    using QTranslator::QTranslator;

    QString translate(const char *context, const char *sourceText,
                      const char *disambiguation = nullptr, int n = -1) const override;
    bool isEmpty() const override { return false; }
};

} // namespace Patchboard
