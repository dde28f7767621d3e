// The engine's event stream: recorded `docker events` and `podman events` output (see
// data/engine-events/README.md) through ContainerEvent::parse, the command line per engine, and
// EngineEvents following a (fake) engine that goes away and comes back.

#include "apptestenvironment.h"
#include "engine/engineevents.h"
#include "fakeengine.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace ocs;
using namespace ocs::test;

namespace {

QList<QByteArray> recordedLines(const QString &name)
{
    QFile f(QStringLiteral(OCS_ENGINE_EVENTS_DATA "/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    QList<QByteArray> lines = f.readAll().split('\n');
    lines.removeAll(QByteArray());
    return lines;
}

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << QString::fromLatin1(i);
    return out;
}

// "action>state" for every event of `sandboxId` in the recording, in order ("" state: gone).
QStringList transitions(const QList<QByteArray> &lines, const QString &sandboxId)
{
    QStringList out;
    for (const QByteArray &line : lines) {
        const auto e = ContainerEvent::parse(line);
        if (e && e->sandboxId == sandboxId)
            out << e->action + QLatin1Char('>') + e->state;
    }
    return out;
}

} // namespace

class TestEngineEvents : public QObject
{
    Q_OBJECT
private:
    static FakeEngine *engine() { return static_cast<FakeEngine *>(&ProcessLauncher::instance()); }

private Q_SLOTS:
    void dockerRecording()
    {
        const QList<QByteArray> lines = recordedLines(QStringLiteral("docker-20.10.24.jsonl"));
        QCOMPARE(lines.size(), 25);
        // run, exec (ignored), stop (kill, die, stop), start, restart, pause, unpause, kill, rm.
        const QStringList expected = strings(
            {"create>created", "start>running", "die>exited", "stop>exited", "start>running",
             "die>exited", "stop>exited", "start>running", "restart>running", "pause>paused",
             "unpause>running", "die>exited", "destroy>"});
        QCOMPARE(transitions(lines, QStringLiteral("rec-1a2b3c")), expected);
        // The container that ended by itself (exit 3).
        QCOMPARE(transitions(lines, QStringLiteral("rec-dies")),
                 strings({"create>created", "start>running", "die>exited", "destroy>"}));

        // Every label is read from Docker's Actor.Attributes.
        const auto first = ContainerEvent::parse(lines.first());
        QVERIFY(first);
        QCOMPARE(first->containerName, QStringLiteral("opencode-sandbox-rec-1a2b3c"));
        QCOMPARE(first->port, quint16(4101));
        QCOMPARE(first->configHash, QStringLiteral("deadbeef01"));
        QCOMPARE(first->projectRoot, QStringLiteral("/home/u/rec"));
    }

    void podmanRecording()
    {
        const QList<QByteArray> lines =
            recordedLines(QStringLiteral("podman-4.3.1-rootless.jsonl"));
        QCOMPARE(lines.size(), 31);
        // init, exec, exec_died, cleanup, kill, attach: no state change of their own.
        const QStringList expected =
            strings({"create>created", "start>running", "died>exited", "start>running",
                     "restart>running", "died>exited", "start>running", "died>exited", "remove>"});
        QCOMPARE(transitions(lines, QStringLiteral("rec-1a2b3c")), expected);
        QCOMPARE(transitions(lines, QStringLiteral("rec-dies")),
                 strings({"create>created", "start>running", "died>exited", "remove>"}));

        // Podman puts the name at the top and the labels in Attributes.
        const auto first = ContainerEvent::parse(lines.first());
        QVERIFY(first);
        QCOMPARE(first->containerName, QStringLiteral("opencode-sandbox-rec-1a2b3c"));
        QCOMPARE(first->port, quint16(4101));
        QCOMPARE(first->configHash, QStringLiteral("deadbeef01"));
        QCOMPARE(first->projectRoot, QStringLiteral("/home/u/rec"));
    }

    void podmanStreamCarriesOtherContainers()
    {
        // Podman cannot filter on the label's presence, so its stream holds other containers'
        // events too (the unlabelled `podman run --rm` of the recording): none of them counts.
        int foreign = 0, ours = 0;
        for (const QByteArray &line :
             recordedLines(QStringLiteral("podman-4.3.1-rootless.jsonl"))) {
            if (!line.contains("io.opencode-sandbox.id")) {
                ++foreign;
                QVERIFY2(!ContainerEvent::parse(line), line.constData());
            } else if (ContainerEvent::parse(line)) {
                ++ours;
            }
        }
        QCOMPARE(foreign, 6);
        QCOMPARE(ours, 13);
    }

    void commandLinePerEngine()
    {
        const QString label = QStringLiteral("label=") + ContainerEngine::LabelId;
        const QStringList docker = EngineEvents::arguments(ContainerEngine::Kind::Docker);
        QCOMPARE(docker.first(), QStringLiteral("events"));
        QVERIFY(docker.contains(QStringLiteral("type=container")));
        QVERIFY(docker.contains(label));
        QCOMPARE(docker.mid(docker.size() - 2),
                 QStringList({QStringLiteral("--format"), QStringLiteral("{{json .}}")}));
        // Podman 4.3: `--filter label=KEY` (no value) matches nothing at all (recorded: an empty
        // stream while the same containers came and went).
        const QStringList podman = EngineEvents::arguments(ContainerEngine::Kind::Podman);
        QVERIFY(podman.contains(QStringLiteral("type=container")));
        QVERIFY(!podman.contains(label));
        QCOMPARE(podman.mid(podman.size() - 2), docker.mid(docker.size() - 2));
    }

    void followsTheStreamThroughAnOutage()
    {
        AppTestEnvironment env;
        EngineEvents events(ContainerEngine(ContainerEngine::Kind::Docker, engine()->program()));
        events.setRetryDelays(std::chrono::milliseconds(20), std::chrono::milliseconds(80));
        QSignalSpy changed(&events, &EngineEvents::containerChanged);
        QSignalSpy available(&events, &EngineEvents::engineAvailable);
        QSignalSpy unavailable(&events, &EngineEvents::engineUnavailable);
        events.start();
        QTRY_COMPARE(available.size(), 1);
        QCOMPARE(events.available(), std::optional<bool>(true));
        QCOMPARE(engine()->openEventStreams(), 1);
        // The stream is a child that must end with the app, however the app ends
        // (tst_processlifetime shows what the mark does).
        for (const ProcessSpec &spec : engine()->calls())
            if (spec.arguments.value(0) == QLatin1String("events"))
                QVERIFY(spec.endsWithThisProcess);

        engine()->addRunningContainer(QStringLiteral("p-1"), QStringLiteral("/p"), 4101);
        QTRY_COMPARE(changed.size(), 2); // create, start
        auto e = changed.at(1).at(0).value<ContainerEvent>();
        QCOMPARE(e.sandboxId, QStringLiteral("p-1"));
        QCOMPARE(e.state, QStringLiteral("running"));

        // The daemon stops: the stream ends, the engine is asked, the user is told why.
        engine()->goDown();
        QTRY_COMPARE(unavailable.size(), 1);
        QVERIFY2(unavailable.at(0).at(0).toString().contains(QStringLiteral("docker")),
                 qPrintable(unavailable.at(0).at(0).toString()));
        QCOMPARE(events.available(), std::optional<bool>(false));
        // It keeps trying (with backoff) but says it once while nothing changes.
        const int tries = engine()->count({QStringLiteral("events")});
        QTRY_VERIFY(engine()->count({QStringLiteral("events")}) >= tries + 2);
        QCOMPARE(unavailable.size(), 1);

        // Back: a new stream, announced (a moment to re-list), and its events arrive.
        engine()->comeBack();
        QTRY_COMPARE(available.size(), 2);
        QCOMPARE(events.available(), std::optional<bool>(true));
        QTRY_COMPARE(engine()->openEventStreams(), 1);
        engine()->stopExternally(QStringLiteral("opencode-sandbox-p-1"));
        QTRY_COMPARE(changed.size(), 4); // die, stop
        e = changed.at(3).at(0).value<ContainerEvent>();
        QCOMPARE(e.state, QStringLiteral("exited"));

        // Stopped: the stream is cancelled and not restarted.
        events.stop();
        QTRY_COMPARE(engine()->openEventStreams(), 0);
        const int after = engine()->count({QStringLiteral("events")});
        QTest::qWait(200);
        QCOMPARE(engine()->count({QStringLiteral("events")}), after);
    }
};

QTEST_GUILESS_MAIN(TestEngineEvents)
#include "tst_engineevents.moc"
