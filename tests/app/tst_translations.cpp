// SPDX-License-Identifier: Apache-2.0
// The shipped translations are complete (issue #7): every translations/*.ts file has no
// unfinished, obsolete or vanished message and no empty translation, every plural message has
// the number of forms its language needs, and every translation keeps the placeholders of its
// source (%1, %L1, %n, %Ln), so that no number or name silently disappears from a German or
// Japanese sentence. Each problem is named with its file, line, context and source text.
//
// After `./build.sh update-translations` adds new strings as unfinished, this test fails until
// they are translated (README.md, "Translations").
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>

namespace {

// Plural forms per language, as Qt defines them (QTranslator and Qt Linguist's numerus rules,
// qttools src/linguist/shared/numerus.cpp). A new language needs its line here.
int pluralForms(const QString &language)
{
    const QString code = language.section(QLatin1Char('_'), 0, 0);
    static const QHash<QString, int> forms{
        {QStringLiteral("ja"), 1}, {QStringLiteral("zh"), 1}, {QStringLiteral("ko"), 1},
        {QStringLiteral("de"), 2}, {QStringLiteral("en"), 2}, {QStringLiteral("es"), 2},
        {QStringLiteral("fr"), 2}, {QStringLiteral("it"), 2}, {QStringLiteral("nl"), 2},
        {QStringLiteral("pl"), 3}, {QStringLiteral("ru"), 3}, {QStringLiteral("cs"), 3},
    };
    return forms.value(code, -1);
}

// The placeholders a translation must keep: QString::arg()'s %1 ... %99 (%L1: the number in the
// locale's format) and tr()'s plural count %n / %Ln. Each one counted once: a translation may
// repeat or reorder them.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%L?(?:[1-9][0-9]?|n)"));
    QSet<QString> found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured());
    QStringList sorted(found.cbegin(), found.cend());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

struct Message
{
    qint64 line = 0;
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type; // of <translation>: unfinished, obsolete, vanished or empty
    QStringList forms; // the translation, or its numerus forms
};

QString describe(const QString &file, const Message &m)
{
    QString where = file + QLatin1Char(':') + QString::number(m.line) + QStringLiteral(": ")
        + m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
    if (!m.comment.isEmpty())
        where += QStringLiteral(" (") + m.comment + QLatin1Char(')');
    return where;
}

// Every problem of one .ts file, one line each; empty when it is complete.
QStringList problems(const QByteArray &ts, const QString &file)
{
    QStringList found;
    QXmlStreamReader xml(ts);
    QString language;
    QString context;
    int forms = -1;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("TS")) {
            language = xml.attributes().value(QLatin1String("language")).toString();
            forms = pluralForms(language);
            if (forms < 0)
                found << file + QStringLiteral(": language \"") + language
                        + QStringLiteral("\" has no plural rule in tst_translations.cpp");
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = Message();
            m.line = xml.lineNumber();
            m.context = context;
            m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            m.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            m.type = xml.attributes().value(QLatin1String("type")).toString();
            if (m.numerus) {
                while (xml.readNextStartElement()) {
                    if (xml.name() == QLatin1String("numerusform"))
                        m.forms << xml.readElementText(QXmlStreamReader::IncludeChildElements);
                    else
                        xml.skipCurrentElement();
                }
            } else {
                m.forms << xml.readElementText(QXmlStreamReader::IncludeChildElements);
            }

            // The <translation> ends the message's content: judge it.
            const QString where = describe(file, m);
            if (!m.type.isEmpty()) {
                found << where + QStringLiteral(": ") + m.type;
                continue; // its text is not shipped, or not final
            }
            if (m.numerus && forms > 0 && m.forms.size() != forms)
                found << where
                        + QStringLiteral(": %1 plural form(s), %2 needs %3")
                              .arg(m.forms.size())
                              .arg(language)
                              .arg(forms);
            const QStringList wanted = placeholders(m.source);
            for (qsizetype i = 0; i < m.forms.size(); ++i) {
                const QString &text = m.forms.at(i);
                const QString form
                    = m.numerus ? QStringLiteral(" (plural form %1)").arg(i + 1) : QString();
                if (text.trimmed().isEmpty()) {
                    found << where + QStringLiteral(": empty translation") + form;
                    continue;
                }
                const QStringList got = placeholders(text);
                if (got != wanted)
                    found << where + QStringLiteral(": translation \"") + text
                            + QStringLiteral("\"") + form + QStringLiteral(" has ")
                            + (got.isEmpty() ? QStringLiteral("no placeholders")
                                             : got.join(QLatin1Char(' ')))
                            + QStringLiteral(", its source ")
                            + (wanted.isEmpty() ? QStringLiteral("none")
                                                : wanted.join(QLatin1Char(' ')));
            }
        }
    }
    if (xml.hasError())
        found << file + QLatin1Char(':') + QString::number(xml.lineNumber())
                + QStringLiteral(": not a readable .ts file: ") + xml.errorString();
    else if (language.isEmpty())
        found << file + QStringLiteral(": no <TS language=...>");
    return found;
}

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkerFindsEachKindOfProblem();
    void shippedLanguagesAreComplete_data();
    void shippedLanguagesAreComplete();
};

// The checker itself, on a file with one problem of each kind and two good messages: it must
// name each of them (else the test of the real files below could pass on anything).
void tst_Translations::checkerFindsEachKindOfProblem()
{
    const QByteArray ts = R"(<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>Patchboard::DevicesPage</name>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln device(s)</source>
        <translation>
            <numerusform>%1 von %Ln Gerät</numerusform>
            <numerusform>%1 von %Ln Geräten</numerusform>
        </translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old</source>
        <translation type="obsolete">Alt</translation>
    </message>
    <message>
        <source>Gone</source>
        <translation type="vanished">Weg</translation>
    </message>
    <message>
        <source>Blank</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutsPage</name>
    <message numerus="yes">
        <source>%Ln wave(s)</source>
        <translation>
            <numerusform>%Ln Welle</numerusform>
        </translation>
    </message>
    <message>
        <source>Rollout %1 of release %2</source>
        <comment>name, number</comment>
        <translation>Rollout von Release %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln device(s) left</source>
        <translation>
            <numerusform>noch %n Gerät</numerusform>
            <numerusform>noch Geräte</numerusform>
        </translation>
    </message>
</context>
</TS>
)";
    const QStringList found = problems(ts, QStringLiteral("x.ts"));
    const QStringList expected{
        QStringLiteral("x.ts:17: Patchboard::DevicesPage: \"Export\": unfinished"),
        QStringLiteral("x.ts:21: Patchboard::DevicesPage: \"Old\": obsolete"),
        QStringLiteral("x.ts:25: Patchboard::DevicesPage: \"Gone\": vanished"),
        QStringLiteral("x.ts:29: Patchboard::DevicesPage: \"Blank\": empty translation"),
        QStringLiteral("x.ts:36: Patchboard::RolloutsPage: \"%Ln wave(s)\": 1 plural form(s), "
                       "de_DE needs 2"),
        QStringLiteral("x.ts:42: Patchboard::RolloutsPage: \"Rollout %1 of release %2\" "
                       "(name, number): translation \"Rollout von Release %2\" has %2, its "
                       "source %1 %2"),
        QStringLiteral("x.ts:47: Patchboard::RolloutsPage: \"%Ln device(s) left\": translation "
                       "\"noch %n Gerät\" (plural form 1) has %n, its source %Ln"),
        QStringLiteral("x.ts:47: Patchboard::RolloutsPage: \"%Ln device(s) left\": translation "
                       "\"noch Geräte\" (plural form 2) has no placeholders, its source %Ln"),
    };
    QCOMPARE(found, expected);

    // A language without a known plural rule, and a file that is not XML, are problems too.
    QCOMPARE(problems(R"(<TS version="2.1" language="xx_XX"></TS>)", QStringLiteral("y.ts")),
             QStringList{QStringLiteral("y.ts: language \"xx_XX\" has no plural rule in "
                                        "tst_translations.cpp")});
    QCOMPARE(problems("<TS language=\"de\"><context>", QStringLiteral("z.ts")).size(), 1);
}

void tst_Translations::shippedLanguagesAreComplete_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(PATCHBOARD_TRANSLATIONS_DIR));
    const QStringList files = dir.entryList({QStringLiteral("*.ts")}, QDir::Files, QDir::Name);
    // The languages the app ships (translations/translations.cmake); a new .ts is checked too.
    QVERIFY2(files.contains(QStringLiteral("patchboard_de.ts")), qPrintable(dir.path()));
    QVERIFY(files.contains(QStringLiteral("patchboard_ja.ts")));
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

void tst_Translations::shippedLanguagesAreComplete()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const QByteArray ts = file.readAll();
    const QStringList found = problems(ts, QFileInfo(path).fileName());
    QVERIFY2(found.isEmpty(),
             qPrintable(QString::number(found.size())
                        + QStringLiteral(" problem(s); translate them in Qt Linguist "
                                         "(README.md, \"Translations\"):\n")
                        + found.join(QLatin1Char('\n'))));
    // Not vacuous: the file has messages (a shipped language has hundreds).
    QVERIFY2(ts.count("<message") > 100, qPrintable(path));
}

QTEST_APPLESS_MAIN(tst_Translations)
#include "tst_translations.moc"
