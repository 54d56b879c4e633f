// SPDX-License-Identifier: Apache-2.0
// docs/openapi.json is the API as operators and device-firmware engineers read it. This test
// keeps it true: every route the server registers is documented with the access it really has,
// nothing documented is missing from the server, every reference resolves, and real answers of
// a running server have the documented shape.
#include "testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace Patchboard;

namespace {

const QStringList kMethods = {QStringLiteral("get"),    QStringLiteral("put"),
                              QStringLiteral("post"),   QStringLiteral("delete"),
                              QStringLiteral("patch"),  QStringLiteral("head"),
                              QStringLiteral("options")};

// "/api/v1/devices/{id}" and "/api/v1/devices/{deviceId}" are the same route.
QString normalisedPattern(QString pattern)
{
    static const QRegularExpression argument(QStringLiteral("\\{[^}]*\\}"));
    return pattern.replace(argument, QStringLiteral("{}"));
}

QString accessName(ApiAccess access)
{
    switch (access) {
    case ApiAccess::Public:
        return QStringLiteral("public");
    case ApiAccess::Operator:
        return QStringLiteral("operatorToken");
    case ApiAccess::Device:
        return QStringLiteral("deviceToken");
    }
    return {};
}

// Resolves a local reference "#/components/schemas/Device" in document; null if it does not.
QJsonValue resolve(const QJsonObject &document, const QString &reference)
{
    if (!reference.startsWith(QLatin1String("#/")))
        return {};
    QJsonValue at = document;
    const QStringList parts = reference.mid(2).split(QLatin1Char('/'));
    for (QString part : parts) {
        part.replace(QStringLiteral("~1"), QStringLiteral("/")).replace(QStringLiteral("~0"), QStringLiteral("~"));
        if (!at.isObject() || !at.toObject().contains(part))
            return {};
        at = at.toObject().value(part);
    }
    return at;
}

QJsonObject follow(const QJsonObject &document, QJsonObject object)
{
    for (int depth = 0; depth < 8 && object.contains(QStringLiteral("$ref")); ++depth)
        object = resolve(document, object.value(QStringLiteral("$ref")).toString()).toObject();
    return object;
}

// A small schema checker: $ref, allOf, oneOf, type, nullable, enum, required, properties and
// items; enough to see that an answer has the fields and types the document promises. Problems
// are appended with their JSON path.
void check(const QJsonObject &document, const QJsonObject &schemaIn, const QJsonValue &value,
           const QString &path, QStringList *problems)
{
    const QJsonObject schema = follow(document, schemaIn);
    if (value.isNull()) {
        if (!schema.value(QStringLiteral("nullable")).toBool()
            && schema.contains(QStringLiteral("type")))
            problems->append(path + QStringLiteral(": null, but not nullable"));
        return;
    }
    for (const QJsonValue &part : schema.value(QStringLiteral("allOf")).toArray())
        check(document, part.toObject(), value, path, problems);
    if (schema.contains(QStringLiteral("oneOf"))) {
        int matching = 0;
        for (const QJsonValue &part : schema.value(QStringLiteral("oneOf")).toArray()) {
            QStringList mine;
            check(document, part.toObject(), value, path, &mine);
            matching += mine.isEmpty() ? 1 : 0;
        }
        if (matching == 0)
            problems->append(path + QStringLiteral(": matches none of oneOf"));
    }
    const QString type = schema.value(QStringLiteral("type")).toString();
    bool typeOk = true;
    if (type == QLatin1String("object"))
        typeOk = value.isObject();
    else if (type == QLatin1String("array"))
        typeOk = value.isArray();
    else if (type == QLatin1String("string"))
        typeOk = value.isString();
    else if (type == QLatin1String("boolean"))
        typeOk = value.isBool();
    else if (type == QLatin1String("number"))
        typeOk = value.isDouble();
    else if (type == QLatin1String("integer"))
        typeOk = value.isDouble() && value.toDouble() == double(qint64(value.toDouble()));
    if (!typeOk) {
        problems->append(path + QStringLiteral(": expected %1, got %2")
                                    .arg(type, QString::fromUtf8(QJsonDocument(QJsonArray{value})
                                                                     .toJson(QJsonDocument::Compact))
                                                   .left(80)));
        return;
    }
    if (schema.contains(QStringLiteral("enum"))
        && !schema.value(QStringLiteral("enum")).toArray().contains(value)) {
        problems->append(path + QStringLiteral(": \"%1\" is not one of the documented values")
                                    .arg(value.toVariant().toString()));
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (const QJsonValue &name : schema.value(QStringLiteral("required")).toArray()) {
            if (!object.contains(name.toString()))
                problems->append(path + QLatin1Char('.') + name.toString()
                                 + QStringLiteral(": required, but missing"));
        }
        const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            if (object.contains(it.key()))
                check(document, it.value().toObject(), object.value(it.key()),
                      path + QLatin1Char('.') + it.key(), problems);
        }
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        const QJsonObject items = schema.value(QStringLiteral("items")).toObject();
        for (qsizetype i = 0; i < array.size(); ++i)
            check(document, items, array.at(i), path + QStringLiteral("[%1]").arg(i), problems);
    }
}

} // namespace

class tst_OpenApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void documentIsOpenApi3();
    void everyRouteIsDocumentedAndNothingElse();
    void securityMatchesRouteAccess();
    void everyReferenceResolves();
    void everyOperationAnswersAndSaysWhenItRefuses();
    void pathParametersAreDeclared();
    void schemaCheckerFindsAMissingField();
    void realAnswersHaveTheDocumentedShape_data();
    void realAnswersHaveTheDocumentedShape();
    void deviceApiAnswersHaveTheDocumentedShape();

private:
    // "GET /api/v1/devices/{}" -> the operation object.
    QHash<QString, QJsonObject> documentedOperations() const;
    QJsonObject operationFor(const QByteArray &method, const QString &pattern) const;
    QStringList answerProblems(const QJsonObject &operation, const TestServer::RawReply &reply) const;

    TestServer m_server;
    QJsonObject m_document;
    QHash<QString, ApiAccess> m_routes; // "GET /api/v1/devices/{}" -> the access it needs
};

void tst_OpenApi::initTestCase()
{
    QFile file(QStringLiteral(PATCHBOARD_SOURCE_DIR "/docs/openapi.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName() + file.errorString()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError,
             qPrintable(QStringLiteral("docs/openapi.json does not parse at offset %1: %2")
                            .arg(error.offset)
                            .arg(error.errorString())));
    QVERIFY(document.isObject());
    m_document = document.object();

    TestServer::Options options;
    options.demoDevices = 50; // enough for a page of two; the tracker and firmware parts are on
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorText()));
    QList<QPair<QString, ApiAccess>> routes;
    m_server.onServerThread([&routes](PatchboardServer &server) { routes = server.api().routes(); });
    QVERIFY(routes.size() > 20);
    for (const auto &[route, access] : routes) {
        const qsizetype space = route.indexOf(QLatin1Char(' '));
        const QString key = route.left(space) + QLatin1Char(' ') + normalisedPattern(route.mid(space + 1));
        QVERIFY2(!m_routes.contains(key), qPrintable(QStringLiteral("registered twice: ") + route));
        m_routes.insert(key, access);
    }
}

QHash<QString, QJsonObject> tst_OpenApi::documentedOperations() const
{
    QHash<QString, QJsonObject> operations;
    const QJsonObject paths = m_document.value(QStringLiteral("paths")).toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject item = path.value().toObject();
        for (const QString &method : kMethods) {
            if (item.contains(method)) {
                operations.insert(method.toUpper() + QLatin1Char(' ') + normalisedPattern(path.key()),
                                  item.value(method).toObject());
            }
        }
    }
    return operations;
}

QJsonObject tst_OpenApi::operationFor(const QByteArray &method, const QString &pattern) const
{
    return m_document.value(QStringLiteral("paths"))
        .toObject()
        .value(pattern)
        .toObject()
        .value(QString::fromLatin1(method).toLower())
        .toObject();
}

void tst_OpenApi::documentIsOpenApi3()
{
    QVERIFY2(m_document.value(QStringLiteral("openapi")).toString().startsWith(QLatin1String("3.0.")),
             "the document is not OpenAPI 3.0.x");
    const QJsonObject info = m_document.value(QStringLiteral("info")).toObject();
    QVERIFY(!info.value(QStringLiteral("title")).toString().isEmpty());
    QVERIFY(!info.value(QStringLiteral("version")).toString().isEmpty());
    // The description is where an integrator learns the error format and its codes.
    const QString description = info.value(QStringLiteral("description")).toString();
    for (const char *code : {"invalid-argument", "unauthenticated", "permission-denied", "not-found",
                             "too-large", "rate-limited", "storage-unavailable"}) {
        QVERIFY2(description.contains(QLatin1String(code)),
                 qPrintable(QStringLiteral("info.description does not list the error code %1")
                                .arg(QLatin1String(code))));
    }
    QCOMPARE(m_document.value(QStringLiteral("servers")).toArray().first().toObject().value(QStringLiteral("url")).toString(),
             QStringLiteral("https://localhost:8443"));
    const QJsonObject schemes = m_document.value(QStringLiteral("components"))
                                    .toObject()
                                    .value(QStringLiteral("securitySchemes"))
                                    .toObject();
    for (const QString &name : {QStringLiteral("operatorToken"), QStringLiteral("deviceToken")}) {
        const QJsonObject scheme = schemes.value(name).toObject();
        QCOMPARE(scheme.value(QStringLiteral("type")).toString(), QStringLiteral("http"));
        QCOMPARE(scheme.value(QStringLiteral("scheme")).toString(), QStringLiteral("bearer"));
    }
}

void tst_OpenApi::everyRouteIsDocumentedAndNothingElse()
{
    const QHash<QString, QJsonObject> documented = documentedOperations();
    QStringList undocumented;
    for (auto it = m_routes.cbegin(); it != m_routes.cend(); ++it) {
        if (!documented.contains(it.key()))
            undocumented << it.key();
    }
    QStringList phantom;
    for (auto it = documented.cbegin(); it != documented.cend(); ++it) {
        if (!m_routes.contains(it.key()))
            phantom << it.key();
    }
    undocumented.sort();
    phantom.sort();
    QVERIFY2(undocumented.isEmpty(),
             qPrintable(QStringLiteral("routes missing in docs/openapi.json: ") + undocumented.join(QStringLiteral(", "))));
    QVERIFY2(phantom.isEmpty(),
             qPrintable(QStringLiteral("documented but not served: ") + phantom.join(QStringLiteral(", "))));
    QCOMPARE(documented.size(), m_routes.size());
}

void tst_OpenApi::securityMatchesRouteAccess()
{
    const QHash<QString, QJsonObject> documented = documentedOperations();
    QStringList wrong;
    for (auto it = m_routes.cbegin(); it != m_routes.cend(); ++it) {
        const QJsonObject operation = documented.value(it.key());
        // Explicit on every operation: a reader of one operation must not need the top level.
        if (!operation.contains(QStringLiteral("security"))) {
            wrong << it.key() + QStringLiteral(" (no security)");
            continue;
        }
        const QJsonArray security = operation.value(QStringLiteral("security")).toArray();
        QString documentedAccess;
        if (security.isEmpty())
            documentedAccess = QStringLiteral("public");
        else if (security.size() == 1 && security.first().toObject().size() == 1)
            documentedAccess = security.first().toObject().keys().first();
        if (documentedAccess != accessName(it.value())) {
            wrong << QStringLiteral("%1 (documented %2, served %3)")
                         .arg(it.key(), documentedAccess.isEmpty() ? QStringLiteral("?") : documentedAccess,
                              accessName(it.value()));
        }
    }
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QStringLiteral("; "))));
}

void tst_OpenApi::everyReferenceResolves()
{
    QStringList broken;
    int references = 0;
    std::function<void(const QJsonValue &, const QString &)> walk = [&](const QJsonValue &value,
                                                                        const QString &path) {
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (it.key() == QLatin1String("$ref")) {
                    ++references;
                    if (resolve(m_document, it.value().toString()).isUndefined()
                        || !resolve(m_document, it.value().toString()).isObject())
                        broken << path + QStringLiteral(": ") + it.value().toString();
                } else {
                    walk(it.value(), path + QLatin1Char('/') + it.key());
                }
            }
        } else if (value.isArray()) {
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                walk(array.at(i), path + QLatin1Char('/') + QString::number(i));
        }
    };
    walk(m_document, QString());
    QVERIFY(references > 50);
    QVERIFY2(broken.isEmpty(), qPrintable(QStringLiteral("unresolved $ref: ") + broken.join(QStringLiteral(", "))));
}

void tst_OpenApi::everyOperationAnswersAndSaysWhenItRefuses()
{
    const QHash<QString, QJsonObject> documented = documentedOperations();
    QStringList problems;
    QSet<QString> operationIds;
    for (auto it = documented.cbegin(); it != documented.cend(); ++it) {
        const QJsonObject operation = it.value();
        const QString id = operation.value(QStringLiteral("operationId")).toString();
        if (id.isEmpty() || operationIds.contains(id))
            problems << it.key() + QStringLiteral(": missing or repeated operationId");
        operationIds.insert(id);
        if (operation.value(QStringLiteral("summary")).toString().isEmpty())
            problems << it.key() + QStringLiteral(": no summary");
        const QJsonObject responses = operation.value(QStringLiteral("responses")).toObject();
        const QStringList statuses = responses.keys();
        const bool answers = std::any_of(statuses.cbegin(), statuses.cend(),
                                         [](const QString &s) { return s.startsWith(QLatin1Char('2')); });
        if (!answers)
            problems << it.key() + QStringLiteral(": no 2xx response");
        const bool isPublic = operation.value(QStringLiteral("security")).toArray().isEmpty();
        if (!isPublic && !responses.contains(QStringLiteral("401")))
            problems << it.key() + QStringLiteral(": needs a token but does not document 401");
        // A route that takes a JSON body can be sent a bad one.
        if (operation.contains(QStringLiteral("requestBody")) && !responses.contains(QStringLiteral("400")))
            problems << it.key() + QStringLiteral(": takes a body but does not document 400");
        for (const QString &status : statuses) {
            if (status.startsWith(QLatin1Char('4'))) {
                const QJsonObject response = follow(m_document, responses.value(status).toObject());
                const QJsonObject schema = response.value(QStringLiteral("content"))
                                               .toObject()
                                               .value(QStringLiteral("application/json"))
                                               .toObject()
                                               .value(QStringLiteral("schema"))
                                               .toObject();
                if (schema.value(QStringLiteral("$ref")).toString() != QLatin1String("#/components/schemas/Error"))
                    problems << it.key() + QLatin1Char(' ') + status + QStringLiteral(": not the Error body");
            }
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
}

void tst_OpenApi::pathParametersAreDeclared()
{
    static const QRegularExpression argument(QStringLiteral("\\{([^}]*)\\}"));
    QStringList problems;
    const QJsonObject paths = m_document.value(QStringLiteral("paths")).toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        QSet<QString> inTemplate;
        for (auto match = argument.globalMatch(path.key()); match.hasNext();)
            inTemplate.insert(match.next().captured(1));
        const QJsonObject item = path.value().toObject();
        for (const QString &method : kMethods) {
            if (!item.contains(method))
                continue;
            QSet<QString> declared;
            for (const QJsonValue &p : item.value(method).toObject().value(QStringLiteral("parameters")).toArray()) {
                const QJsonObject parameter = follow(m_document, p.toObject());
                if (parameter.value(QStringLiteral("in")).toString() == QLatin1String("path")) {
                    declared.insert(parameter.value(QStringLiteral("name")).toString());
                    if (!parameter.value(QStringLiteral("required")).toBool())
                        problems << path.key() + QStringLiteral(": path parameter not required");
                }
            }
            if (declared != inTemplate)
                problems << method.toUpper() + QLatin1Char(' ') + path.key()
                                + QStringLiteral(": path parameters do not match the template");
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
}

QStringList tst_OpenApi::answerProblems(const QJsonObject &operation,
                                        const TestServer::RawReply &reply) const
{
    const QString status = QString::number(reply.status);
    const QJsonObject responses = operation.value(QStringLiteral("responses")).toObject();
    if (!responses.contains(status))
        return {QStringLiteral("status %1 is not documented").arg(status)};
    const QJsonObject schema = follow(m_document, responses.value(status).toObject())
                                   .value(QStringLiteral("content"))
                                   .toObject()
                                   .value(QStringLiteral("application/json"))
                                   .toObject()
                                   .value(QStringLiteral("schema"))
                                   .toObject();
    if (schema.isEmpty())
        return {QStringLiteral("status %1 documents no JSON body").arg(status)};
    QJsonParseError error;
    const QJsonDocument body = QJsonDocument::fromJson(reply.body, &error);
    if (error.error != QJsonParseError::NoError)
        return {QStringLiteral("the answer is not JSON: ") + error.errorString()};
    QStringList problems;
    check(m_document, schema, body.isObject() ? QJsonValue(body.object()) : QJsonValue(body.array()),
          QStringLiteral("answer"), &problems);
    return problems;
}

void tst_OpenApi::schemaCheckerFindsAMissingField()
{
    // The checker must be able to fail, or the round trips below prove nothing.
    const QJsonObject device = follow(m_document, QJsonObject{{QStringLiteral("$ref"), QStringLiteral("#/components/schemas/Device")}});
    QVERIFY(!device.isEmpty());
    QJsonObject page{{QStringLiteral("offset"), 0},
                     {QStringLiteral("matching"), 1},
                     {QStringLiteral("fleetSize"), 1},
                     {QStringLiteral("referenceDate"), QJsonValue()},
                     {QStringLiteral("rows"), QJsonArray{QJsonObject{{QStringLiteral("id"), 1}}}}};
    QStringList problems;
    check(m_document, QJsonObject{{QStringLiteral("$ref"), QStringLiteral("#/components/schemas/DevicePage")}},
          page, QStringLiteral("page"), &problems);
    QVERIFY2(problems.contains(QStringLiteral("page.rows[0].deviceId: required, but missing")),
             qPrintable(problems.join(QStringLiteral("; "))));
    problems.clear();
    page.insert(QStringLiteral("offset"), QStringLiteral("0"));
    check(m_document, QJsonObject{{QStringLiteral("$ref"), QStringLiteral("#/components/schemas/DevicePage")}},
          page, QStringLiteral("page"), &problems);
    QVERIFY(problems.join(QLatin1Char(' ')).contains(QLatin1String("page.offset: expected integer")));
}

void tst_OpenApi::realAnswersHaveTheDocumentedShape_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // as requested
    QTest::addColumn<QString>("pattern"); // as documented
    QTest::addColumn<QString>("user"); // empty: no token
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");

    const QString devices = QStringLiteral("/api/v1/devices");
    QTest::newRow("health") << QByteArray("GET") << QStringLiteral("/api/v1/health")
                            << QStringLiteral("/api/v1/health") << QString() << QByteArray() << 200;
    QTest::newRow("devices, two") << QByteArray("GET") << devices + QStringLiteral("?limit=2") << devices
                                  << QStringLiteral("admin") << QByteArray() << 200;
    QTest::newRow("devices, sorted by patch level")
        << QByteArray("GET") << devices + QStringLiteral("?limit=3&sort=patch-level&order=desc&supportStatus=supported,ended")
        << devices << QStringLiteral("viewer") << QByteArray() << 200;
    QTest::newRow("releases") << QByteArray("GET") << QStringLiteral("/api/v1/releases")
                              << QStringLiteral("/api/v1/releases") << QStringLiteral("admin") << QByteArray() << 200;
    QTest::newRow("release 1") << QByteArray("GET") << QStringLiteral("/api/v1/releases/1")
                               << QStringLiteral("/api/v1/releases/{id}") << QStringLiteral("tester") << QByteArray() << 200;
    QTest::newRow("device 1") << QByteArray("GET") << devices + QStringLiteral("/1")
                              << devices + QStringLiteral("/{id}") << QStringLiteral("viewer") << QByteArray() << 200;
    QTest::newRow("catalog") << QByteArray("GET") << QStringLiteral("/api/v1/catalog")
                             << QStringLiteral("/api/v1/catalog") << QStringLiteral("viewer") << QByteArray() << 200;
    QTest::newRow("compliance") << QByteArray("GET") << QStringLiteral("/api/v1/compliance")
                                << QStringLiteral("/api/v1/compliance") << QStringLiteral("viewer") << QByteArray() << 200;
    QTest::newRow("changes") << QByteArray("GET") << QStringLiteral("/api/v1/changes")
                             << QStringLiteral("/api/v1/changes") << QStringLiteral("viewer") << QByteArray() << 200;
    QTest::newRow("session") << QByteArray("GET") << QStringLiteral("/api/v1/session")
                             << QStringLiteral("/api/v1/session") << QStringLiteral("manager") << QByteArray() << 200;
    QTest::newRow("rollouts") << QByteArray("GET") << QStringLiteral("/api/v1/rollouts")
                              << QStringLiteral("/api/v1/rollouts") << QStringLiteral("manager") << QByteArray() << 200;
    QTest::newRow("audit") << QByteArray("GET") << QStringLiteral("/api/v1/audit?limit=5")
                           << QStringLiteral("/api/v1/audit") << QStringLiteral("viewer") << QByteArray() << 200;
    QTest::newRow("audit verify") << QByteArray("GET") << QStringLiteral("/api/v1/audit/verify")
                                  << QStringLiteral("/api/v1/audit/verify") << QStringLiteral("viewer") << QByteArray() << 200;
    QTest::newRow("trust keys") << QByteArray("GET") << QStringLiteral("/api/v1/trust-keys")
                                << QStringLiteral("/api/v1/trust-keys") << QStringLiteral("admin") << QByteArray() << 200;
    QTest::newRow("firmware settings") << QByteArray("GET") << QStringLiteral("/api/v1/firmware-settings")
                                       << QStringLiteral("/api/v1/firmware-settings") << QStringLiteral("admin") << QByteArray() << 200;
    QTest::newRow("simulation") << QByteArray("GET") << QStringLiteral("/api/v1/simulation")
                                << QStringLiteral("/api/v1/simulation") << QStringLiteral("viewer") << QByteArray() << 200;
    QTest::newRow("telemetry scopes") << QByteArray("GET") << QStringLiteral("/api/v1/telemetry/scopes")
                                      << QStringLiteral("/api/v1/telemetry/scopes") << QStringLiteral("viewer") << QByteArray() << 200;
    QTest::newRow("telemetry overview")
        << QByteArray("POST") << QStringLiteral("/api/v1/telemetry/overview") << QStringLiteral("/api/v1/telemetry/overview")
        << QStringLiteral("viewer") << QByteArray(R"({"query": {"scope": {"kind": "fleet"}}})") << 200;
    QTest::newRow("login") << QByteArray("POST") << QStringLiteral("/api/v1/login") << QStringLiteral("/api/v1/login")
                           << QString()
                           << QByteArray(R"({"user": "viewer", "password": ")") + TestServer::password(QStringLiteral("viewer")).toUtf8() + QByteArray(R"("})")
                           << 200;
    // Errors have the documented Error body, with a documented status.
    QTest::newRow("no token: 401") << QByteArray("GET") << devices << devices << QString() << QByteArray() << 401;
    QTest::newRow("misspelt filter: 400") << QByteArray("GET") << devices + QStringLiteral("?patchlevelBefore=2024-01-01")
                                          << devices << QStringLiteral("viewer") << QByteArray() << 400;
    QTest::newRow("unknown device: 404") << QByteArray("GET") << devices + QStringLiteral("/987654321")
                                         << devices + QStringLiteral("/{id}") << QStringLiteral("viewer") << QByteArray() << 404;
    QTest::newRow("viewer approves: 403") << QByteArray("POST") << QStringLiteral("/api/v1/releases/1/approve")
                                          << QStringLiteral("/api/v1/releases/{id}/approve") << QStringLiteral("viewer")
                                          << QByteArray(R"({"reason": "looks fine"})") << 403;
    QTest::newRow("wrong password: 401") << QByteArray("POST") << QStringLiteral("/api/v1/login") << QStringLiteral("/api/v1/login")
                                         << QString() << QByteArray(R"({"user": "viewer", "password": "wrong"})") << 401;
}

void tst_OpenApi::realAnswersHaveTheDocumentedShape()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, pattern);
    QFETCH(QString, user);
    QFETCH(QByteArray, body);
    QFETCH(int, status);

    const QJsonObject operation = operationFor(method, pattern);
    QVERIFY2(!operation.isEmpty(), qPrintable(QStringLiteral("%1 %2 is not documented").arg(QString::fromLatin1(method), pattern)));
    const QByteArray token = user.isEmpty() ? QByteArray() : m_server.token(user);
    QVERIFY(user.isEmpty() || !token.isEmpty());
    const TestServer::RawReply reply = m_server.request(method, path, body, token);
    QVERIFY2(reply.status == status, qPrintable(QStringLiteral("HTTP %1: %2").arg(reply.status).arg(QString::fromUtf8(reply.body.left(300)))));
    const QStringList problems = answerProblems(operation, reply);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
}

void tst_OpenApi::deviceApiAnswersHaveTheDocumentedShape()
{
    // What a firmware engineer does first: get a token for a device, then check in with it.
    const TestServer::RawReply issued = m_server.request("POST", QStringLiteral("/api/v1/device-credentials"),
                                                         R"({"first": 1})", m_server.token(QStringLiteral("admin")));
    QVERIFY2(issued.status == 200, issued.body.constData());
    QStringList problems = answerProblems(operationFor("POST", QStringLiteral("/api/v1/device-credentials")), issued);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
    const QJsonObject credential = issued.json().value(QStringLiteral("credentials")).toArray().first().toObject();
    const QByteArray deviceToken = credential.value(QStringLiteral("token")).toString().toLatin1();
    QVERIFY(!deviceToken.isEmpty());

    const QJsonObject checkIn{{QStringLiteral("firmwareVersion"), credential.value(QStringLiteral("firmwareVersion"))},
                              {QStringLiteral("sequence"), credential.value(QStringLiteral("sequence"))},
                              {QStringLiteral("patchLevel"), credential.value(QStringLiteral("patchLevel"))}};
    const TestServer::RawReply answer = m_server.request("POST", QStringLiteral("/api/v1/device/check-in"),
                                                         QJsonDocument(checkIn).toJson(QJsonDocument::Compact), deviceToken);
    QVERIFY2(answer.status == 200, answer.body.constData());
    problems = answerProblems(operationFor("POST", QStringLiteral("/api/v1/device/check-in")), answer);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));

    // An operator token does not open the device API (documented: deviceToken only).
    const TestServer::RawReply refused = m_server.request("POST", QStringLiteral("/api/v1/device/check-in"),
                                                          QJsonDocument(checkIn).toJson(QJsonDocument::Compact),
                                                          m_server.token(QStringLiteral("admin")));
    QCOMPARE(refused.status, 401);
    problems = answerProblems(operationFor("POST", QStringLiteral("/api/v1/device/check-in")), refused);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
}

QTEST_GUILESS_MAIN(tst_OpenApi)
#include "tst_openapi.moc"
