// SandboxLister: our containers from `docker inspect` (by label), plus stopped sandboxes
// known only from their state folders (ours and the reference scripts').

#include "engine/sandboxlister.h"
#include "fakeprocesslauncher.h"
#include "sandbox/sandboxrecord.h"
#include "testhelpers.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace ocs;
using namespace ocs::test;

namespace {
// Trimmed from real `docker container inspect` output: two of ours (one running, one
// exited), one container of someone else's (labels, but not ours), one with no labels.
const QByteArray InspectJson = R"json([
  {
    "Id": "5f1c0e9a8b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e",
    "Created": "2025-01-12T09:14:03.123456789Z",
    "Path": "/usr/bin/tini",
    "Args": ["--", "/usr/local/bin/entrypoint.sh"],
    "State": {
      "Status": "running", "Running": true, "Paused": false, "Restarting": false,
      "OOMKilled": false, "Dead": false, "Pid": 41234, "ExitCode": 0, "Error": "",
      "StartedAt": "2025-01-12T09:14:04.001Z", "FinishedAt": "0001-01-01T00:00:00Z"
    },
    "Image": "sha256:0a1b2c3d4e5f",
    "Name": "/opencode-sandbox-webapp-9f7100",
    "RestartCount": 0,
    "HostConfig": {
      "PortBindings": {"4096/tcp": [{"HostIp": "127.0.0.1", "HostPort": "4101"}]},
      "CapDrop": ["ALL"], "CapAdd": ["NET_ADMIN", "SETUID", "SETGID"],
      "SecurityOpt": ["no-new-privileges"], "PidsLimit": 4096, "Memory": 8589934592,
      "NanoCpus": 1500000000
    },
    "Mounts": [
      {"Type": "bind", "Source": "/home/dev/webapp", "Destination": "/webapp", "Mode": "", "RW": true}
    ],
    "Config": {
      "Hostname": "opencode-sandbox",
      "User": "",
      "Env": ["OPENCODE_SERVER_PASSWORD", "PATH=/usr/local/sbin:/usr/local/bin:/usr/bin"],
      "Image": "opencode-sandbox-webapp-9f7100",
      "WorkingDir": "/webapp",
      "Labels": {
        "io.opencode-sandbox.config-hash": "0011223344556677",
        "io.opencode-sandbox.id": "webapp-9f7100",
        "io.opencode-sandbox.port": "4101",
        "io.opencode-sandbox.project": "/home/dev/webapp",
        "io.opencode-sandbox.version": "0.1.0",
        "org.opencontainers.image.ref.name": "debian"
      }
    },
    "NetworkSettings": {"Ports": {"4096/tcp": [{"HostIp": "127.0.0.1", "HostPort": "4101"}],
                                  "3000/tcp": [{"HostIp": "127.0.0.1", "HostPort": "3001"}],
                                  "5173/tcp": null, "53/udp": [{"HostIp": "127.0.0.1", "HostPort": "53"}]}}
  },
  {
    "Id": "aa00bb11cc22dd33ee44ff5566778899aabbccddeeff00112233445566778899",
    "State": {"Status": "exited", "Running": false, "ExitCode": 137},
    "Name": "/opencode-sandbox-api-2f7e3c",
    "Config": {
      "Labels": {
        "io.opencode-sandbox.id": "api-2f7e3c",
        "io.opencode-sandbox.port": "4102",
        "io.opencode-sandbox.project": "/home/dev/My Project/api",
        "io.opencode-sandbox.config-hash": "8899aabbccddeeff"
      }
    }
  },
  {
    "Id": "1234",
    "State": {"Status": "running"},
    "Name": "/postgres",
    "Config": {"Labels": {"com.docker.compose.project": "shop", "maintainer": "x"}}
  },
  {
    "Id": "5678",
    "State": {"Status": "created"},
    "Name": "/busy_lovelace",
    "Config": {"Labels": null}
  }
])json";
} // namespace

class TestSandboxLister : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void parseInspect();
    void parseInspect_badInput_data();
    void parseInspect_badInput();
    void mergeStateFolders();
    void usage();
    void mergeStateFolders_missingRoot();
    void list_withFakeEngine();
    void list_engineFails_stillListsStateFolders();

private:
    QTemporaryDir m_tmp;
    QString m_stateRoot;
    EnvGuard m_env;
};

void TestSandboxLister::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_stateRoot = canonical(m_tmp.path()) + QStringLiteral("/state");
    m_env.set("OCS_STATE_ROOT", m_stateRoot);
    m_env.set("HOME", m_tmp.filePath(QStringLiteral("home")));

    auto saveState = [this](const QString &id, const QString &root, quint16 port) {
        QVERIFY(QDir().mkpath(m_stateRoot + QLatin1Char('/') + id));
        SandboxRecord s;
        s.projectRoot = root;
        s.port = port;
        QString error;
        QVERIFY2(s.save(m_stateRoot + QLatin1Char('/') + id, &error), qPrintable(error));
    };
    // Ours, stopped.
    saveState(QStringLiteral("docs-aaaaaa"), QStringLiteral("/home/dev/docs"), 4100);
    // Ours, and its container exists (listed by the engine): not listed twice.
    saveState(QStringLiteral("webapp-9f7100"), QStringLiteral("/home/dev/webapp"), 4099);
    // The reference scripts' folders: a password file, or the agent's state folder.
    QVERIFY(writeFile(m_stateRoot + QStringLiteral("/legacy-bbbbbb/opencode-password"), "pw\n"));
    QVERIFY(QDir().mkpath(m_stateRoot + QStringLiteral("/legacy2-cccccc/opencode-state/storage")));
    // Not sandboxes.
    QVERIFY(writeFile(m_stateRoot + QStringLiteral("/unrelated/notes.txt"), "x"));
    QVERIFY(QDir().mkpath(m_stateRoot + QStringLiteral("/empty-dddddd")));
    QVERIFY(writeFile(m_stateRoot + QStringLiteral("/a-plain-file"), "x"));
}

void TestSandboxLister::cleanup()
{
    FakeProcessLauncher::uninstall();
}

void TestSandboxLister::parseInspect()
{
    const QList<SandboxInfo> list = SandboxLister::parseInspect(InspectJson);
    QCOMPARE(list.size(), 2);
    const SandboxInfo &a = list.at(0);
    QCOMPARE(a.sandboxId, QStringLiteral("webapp-9f7100"));
    QCOMPARE(a.state, QStringLiteral("running"));
    QCOMPARE(a.port, quint16(4101));
    QCOMPARE(a.projectRoot, QStringLiteral("/home/dev/webapp"));
    QCOMPARE(a.containerName, QStringLiteral("opencode-sandbox-webapp-9f7100")); // no leading '/'
    QCOMPARE(a.configHash, QStringLiteral("0011223344556677"));
    // published-ports as the engine maps them: TCP only, the web UI's port not among them, an
    // unpublished one (null) neither.
    QCOMPARE(a.published.size(), 1);
    QCOMPARE(a.published.at(0).inside, quint16(3000));
    QCOMPARE(a.published.at(0).host, quint16(3001));
    QCOMPARE(a.published.at(0).text(), QStringLiteral("3000 → 127.0.0.1:3001"));
    QCOMPARE(a.published.at(0).url(), QStringLiteral("http://127.0.0.1:3001/"));
    QVERIFY(a.usage.limitsKnown);
    QCOMPARE(a.usage.memoryLimit, Q_INT64_C(8589934592));
    QCOMPARE(a.usage.cpus, 1.5);
    QCOMPARE(a.usage.pidsLimit, Q_INT64_C(4096));
    QCOMPARE(a.usage.memoryUsed, Q_INT64_C(-1));
    QCOMPARE(a.usage.line(),
             QStringLiteral("memory limit 8 GiB, 1.5 CPUs, at most 4096 processes"));
    const SandboxInfo &b = list.at(1);
    QCOMPARE(b.sandboxId, QStringLiteral("api-2f7e3c"));
    QCOMPARE(b.state, QStringLiteral("exited"));
    QCOMPARE(b.port, quint16(4102));
    QCOMPARE(b.projectRoot, QStringLiteral("/home/dev/My Project/api"));
    QCOMPARE(b.containerName, QStringLiteral("opencode-sandbox-api-2f7e3c"));
}

void TestSandboxLister::parseInspect_badInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("empty array") << QByteArray("[]");
    QTest::newRow("not JSON") << QByteArray("Error: No such object: abc");
    QTest::newRow("object, not array")
        << QByteArray(R"({"Config":{"Labels":{"io.opencode-sandbox.id":"x"}}})");
    QTest::newRow("truncated") << InspectJson.left(InspectJson.size() / 2);
}

void TestSandboxLister::parseInspect_badInput()
{
    QFETCH(QByteArray, json);
    QCOMPARE(SandboxLister::parseInspect(json).size(), 0);
}

// The memory use from `stats` (Docker writes IEC units, Podman SI ones) against the limit.
void TestSandboxLister::usage()
{
    QCOMPARE(sandboxusage::parseSize(QStringLiteral("312.4MiB")), Q_INT64_C(327575142));
    QCOMPARE(sandboxusage::parseSize(QStringLiteral("327.6MB")), Q_INT64_C(327600000));
    QCOMPARE(sandboxusage::parseSize(QStringLiteral("0B")), Q_INT64_C(0));
    QCOMPARE(sandboxusage::parseSize(QStringLiteral("1.5kB")), Q_INT64_C(1500));
    QCOMPARE(sandboxusage::parseSize(QStringLiteral("--")), Q_INT64_C(-1));
    QCOMPARE(sandboxusage::parseSize(QStringLiteral("12XB")), Q_INT64_C(-1));
    QString name;
    qint64 used = 0;
    QVERIFY(sandboxusage::parseStatsLine(QStringLiteral("opencode-sandbox-a-1\t312MiB / 8GiB"),
                                         &name, &used));
    QCOMPARE(name, QStringLiteral("opencode-sandbox-a-1"));
    QCOMPARE(used, Q_INT64_C(312) * 1024 * 1024);
    QVERIFY(sandboxusage::parseStatsLine(QStringLiteral("b\t16.42MB / 33.08GB"), &name, &used));
    QCOMPARE(used, Q_INT64_C(16420000));
    QVERIFY(!sandboxusage::parseStatsLine(QStringLiteral("c\t-- / --"), &name, &used));
    QVERIFY(!sandboxusage::parseStatsLine(QStringLiteral("no tab here"), &name, &used));

    QCOMPARE(sandboxusage::formatBytes(Q_INT64_C(312) * 1024 * 1024), QStringLiteral("312 MiB"));
    QCOMPARE(sandboxusage::formatBytes(Q_INT64_C(8) << 30), QStringLiteral("8 GiB"));
    QCOMPARE(sandboxusage::formatBytes(Q_INT64_C(3) << 29), QStringLiteral("1.5 GiB"));
    QCOMPARE(sandboxusage::formatBytes(512), QStringLiteral("512 B"));

    SandboxUsage u;
    QVERIFY(!u.isKnown());
    QCOMPARE(u.line(), QString());
    u.limitsKnown = true; // all of them 0: the engine ignored them
    QCOMPARE(u.line(),
             QStringLiteral("no resource limits (the container engine did not apply them)"));
    u.limitsKnown = false;
    u.memoryUsed = Q_INT64_C(312) * 1024 * 1024;
    QCOMPARE(u.line(), QStringLiteral("memory 312 MiB"));
    u.memoryLimit = Q_INT64_C(8) << 30;
    u.pidsLimit = 4096;
    QCOMPARE(u.line(), QStringLiteral("memory 312 MiB of 8 GiB, at most 4096 processes"));
}

void TestSandboxLister::mergeStateFolders()
{
    const QList<SandboxInfo> merged =
        SandboxLister::mergeStateFolders(SandboxLister::parseInspect(InspectJson), m_stateRoot);
    QStringList ids;
    for (const SandboxInfo &i : merged)
        ids << i.sandboxId;
    // Sorted by id; webapp once (from the engine); no unrelated/empty folder, no plain file.
    QCOMPARE(ids, (QStringList{QStringLiteral("api-2f7e3c"), QStringLiteral("docs-aaaaaa"),
                               QStringLiteral("legacy-bbbbbb"), QStringLiteral("legacy2-cccccc"),
                               QStringLiteral("webapp-9f7100")}));
    auto find = [&](const QString &id) {
        for (const SandboxInfo &i : merged) {
            if (i.sandboxId == id)
                return i;
        }
        return SandboxInfo{};
    };
    const SandboxInfo docs = find(QStringLiteral("docs-aaaaaa"));
    QCOMPARE(docs.state, QStringLiteral("stopped"));
    QCOMPARE(docs.projectRoot, QStringLiteral("/home/dev/docs"));
    QCOMPARE(docs.port, quint16(4100));
    QCOMPARE(docs.containerName, QStringLiteral("opencode-sandbox-docs-aaaaaa"));
    const SandboxInfo legacy = find(QStringLiteral("legacy-bbbbbb"));
    QCOMPARE(legacy.state, QStringLiteral("stopped"));
    QCOMPARE(legacy.projectRoot, QString());
    QCOMPARE(legacy.port, quint16(0));
    QCOMPARE(find(QStringLiteral("legacy2-cccccc")).state, QStringLiteral("stopped"));
    // The container's facts win over the state folder's.
    const SandboxInfo web = find(QStringLiteral("webapp-9f7100"));
    QCOMPARE(web.state, QStringLiteral("running"));
    QCOMPARE(web.port, quint16(4101));
}

void TestSandboxLister::mergeStateFolders_missingRoot()
{
    const QList<SandboxInfo> containers = SandboxLister::parseInspect(InspectJson);
    const QList<SandboxInfo> merged = SandboxLister::mergeStateFolders(
        containers, m_tmp.filePath(QStringLiteral("no-such-root")));
    QCOMPARE(merged.size(), 2);
    QCOMPARE(merged.at(0).sandboxId, QStringLiteral("api-2f7e3c"));
    QCOMPARE(
        SandboxLister::mergeStateFolders({}, m_tmp.filePath(QStringLiteral("no-such-root"))).size(),
        0);
}

void TestSandboxLister::list_withFakeEngine()
{
    FakeProcessLauncher *fake = FakeProcessLauncher::install();
    fake->reply({QStringLiteral("ps")}, 0, "5f1c0e9a8b7d\naa00bb11cc22\n");
    fake->reply({QStringLiteral("container"), QStringLiteral("inspect")}, 0, InspectJson);
    SandboxLister lister(ContainerEngine(ContainerEngine::Kind::Docker, QStringLiteral("docker")));
    std::optional<std::pair<QList<SandboxInfo>, QString>> result;
    lister.list([&](const QList<SandboxInfo> &l, const QString &e) { result.emplace(l, e); });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->second.isEmpty(), qPrintable(result->second));
    QCOMPARE(result->first.size(), 5);
    QCOMPARE(fake->argumentLists(),
             (QList<QStringList>{
                 {QStringLiteral("ps"), QStringLiteral("--all"), QStringLiteral("--quiet"),
                  QStringLiteral("--filter"), QStringLiteral("label=io.opencode-sandbox.id")},
                 {QStringLiteral("container"), QStringLiteral("inspect"),
                  QStringLiteral("5f1c0e9a8b7d"), QStringLiteral("aa00bb11cc22")}}));
}

void TestSandboxLister::list_engineFails_stillListsStateFolders()
{
    FakeProcessLauncher *fake = FakeProcessLauncher::install();
    fake->reply({QStringLiteral("ps")}, 1, {}, "Cannot connect to the Docker daemon\n");
    SandboxLister lister(ContainerEngine(ContainerEngine::Kind::Docker, QStringLiteral("docker")));
    std::optional<std::pair<QList<SandboxInfo>, QString>> result;
    lister.list([&](const QList<SandboxInfo> &l, const QString &e) { result.emplace(l, e); });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->second.contains(QStringLiteral("Cannot connect to the Docker daemon")),
             qPrintable(result->second));
    QCOMPARE(result->first.size(), 4); // the state folders, all stopped
    for (const SandboxInfo &i : result->first)
        QCOMPARE(i.state, QStringLiteral("stopped"));
    QCOMPARE(fake->count({QStringLiteral("container")}), 0);
}

QTEST_GUILESS_MAIN(TestSandboxLister)
#include "tst_sandboxlister.moc"
