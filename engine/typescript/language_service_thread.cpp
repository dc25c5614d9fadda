#include "engine/typescript/language_service_thread.h"

#include "engine/runtime/v8_platform.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <optional>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace botwright::typescript {

namespace {

// The service must never take the CPU from the GUI thread (2 cores are common). QThread's priorities
// do nothing under Linux's default scheduler, but each thread has its own nice value: the worker, and
// V8's helper threads that compile and collect for its isolate, run at nice 10.
void yieldToTheGuiThread() {
    runtime::V8Platform::ensureInitialized(); // its helper threads exist from here on
#ifdef Q_OS_LINUX
    constexpr int kNice = 10;
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), kNice);
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString& tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().startsWith("V8 "))
            setpriority(PRIO_PROCESS, static_cast<id_t>(tid.toInt()), kNice);
    }
#endif
}

} // namespace

struct LanguageServiceThread::Request {
    enum class Kind { Completions, Details, SignatureHelp, QuickInfo, Definition };
    Kind kind = Kind::Completions;
    quint64 id = 0;
    QString fileName;
    int version = 0;
    LsPosition position;
    QString text;   // the trigger character, or the entry name for details
    QString source; // details: the entry's source
};

class LanguageServiceThread::Worker final : public QThread {
public:
    Worker(LanguageServiceThread* owner, LanguageService::Options options)
        : m_owner(owner)
        , m_options(std::move(options)) {
        setObjectName(QStringLiteral("botwright-typescript"));
    }

    ~Worker() override {
        {
            QMutexLocker lock(&m_mutex);
            m_stopping = true;
            m_cancel.store(true);
            if (m_live != nullptr)
                m_live->terminate(); // a load in progress stops now instead of finishing first
            m_wake.wakeAll();
        }
        wait();
    }
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    State state() const { return m_state.load(); }

    void setDocument(const QString& fileName, const QString& text, int version) {
        QMutexLocker lock(&m_mutex);
        m_removed.remove(fileName);
        m_docs.insert(fileName, Doc{text, version});
        m_cancel.store(true); // a diagnostics run on older text is wasted work
        m_wake.wakeAll();
    }

    void removeDocument(const QString& fileName) {
        QMutexLocker lock(&m_mutex);
        m_docs.remove(fileName);
        m_removed.insert(fileName);
        m_diagnostics.removeAll(fileName);
        m_cancel.store(true);
        m_wake.wakeAll();
    }

    quint64 enqueue(Request request) {
        QMutexLocker lock(&m_mutex);
        request.id = ++m_nextId;
        for (qsizetype i = 0; i < m_requests.size(); ++i) {
            if (m_requests[i].kind == request.kind && m_requests[i].fileName == request.fileName) {
                m_requests.removeAt(i); // superseded
                break;
            }
        }
        const quint64 id = request.id;
        m_requests.append(std::move(request));
        m_cancel.store(true);
        m_wake.wakeAll();
        return id;
    }

    void requestDiagnostics(const QString& fileName) {
        QMutexLocker lock(&m_mutex);
        if (!m_diagnostics.contains(fileName))
            m_diagnostics.append(fileName);
        m_wake.wakeAll();
    }

protected:
    void run() override {
        m_state.store(State::Loading);
        yieldToTheGuiThread();
        LanguageService service;
        service.setCancellationFlag(&m_cancel);
        {
            QMutexLocker lock(&m_mutex);
            if (m_stopping)
                return;
            m_live = &service;
        }
        const struct Unpublish {
            Worker* worker;
            ~Unpublish() {
                QMutexLocker lock(&worker->m_mutex);
                worker->m_live = nullptr;
            }
        } unpublish{this};
        QString error;
        if (!service.load(&error, m_options)) {
            m_state.store(State::Failed);
            QMutexLocker lock(&m_mutex);
            if (!m_stopping)
                Q_EMIT m_owner->failed(error);
            return;
        }
        m_state.store(State::Ready);
        Q_EMIT m_owner->ready(service.loadStats());

        for (;;) {
            QHash<QString, Doc> docs;
            QSet<QString> removed;
            std::optional<Request> request;
            QString diagnosticsFile;
            {
                QMutexLocker lock(&m_mutex);
                while (!m_stopping && m_docs.isEmpty() && m_removed.isEmpty() && m_requests.isEmpty() &&
                       m_diagnostics.isEmpty())
                    m_wake.wait(&m_mutex);
                if (m_stopping)
                    return;
                docs.swap(m_docs);
                removed.swap(m_removed);
                if (!m_requests.isEmpty())
                    request = m_requests.takeFirst();
                else if (!m_diagnostics.isEmpty())
                    diagnosticsFile = m_diagnostics.takeFirst();
                m_cancel.store(false);
            }
            for (const QString& fileName : removed) {
                service.removeFile(fileName);
                m_versions.remove(fileName);
            }
            for (auto it = docs.cbegin(); it != docs.cend(); ++it) {
                service.setFile(it.key(), it.value().text, it.value().version);
                m_versions.insert(it.key(), it.value().version);
            }
            if (request)
                answer(service, *request);
            else if (!diagnosticsFile.isEmpty())
                runDiagnostics(service, diagnosticsFile);
        }
    }

private:
    struct Doc {
        QString text;
        int version = 0;
    };

    void answer(LanguageService& service, const Request& r) {
        // Files the host never set (the SDK's declarations) are at version 1.
        const int current = m_versions.value(r.fileName, 1);
        if (current != r.version)
            return; // stale: newer text arrived after this request
        switch (r.kind) {
        case Request::Kind::Completions:
            if (auto result = service.completions(r.fileName, r.position, r.text))
                Q_EMIT m_owner->completionsReady(r.id, r.fileName, r.version, *result);
            break;
        case Request::Kind::Details:
            if (auto result = service.completionDetails(r.fileName, r.position, r.text, r.source))
                Q_EMIT m_owner->completionDetailsReady(r.id, r.fileName, r.version, *result);
            break;
        case Request::Kind::SignatureHelp:
            if (auto result = service.signatureHelp(r.fileName, r.position, r.text))
                Q_EMIT m_owner->signatureHelpReady(r.id, r.fileName, r.version, *result);
            break;
        case Request::Kind::QuickInfo:
            if (auto result = service.quickInfo(r.fileName, r.position))
                Q_EMIT m_owner->quickInfoReady(r.id, r.fileName, r.version, *result);
            break;
        case Request::Kind::Definition:
            if (auto result = service.definition(r.fileName, r.position))
                Q_EMIT m_owner->definitionReady(r.id, r.fileName, r.version, *result);
            break;
        }
    }

    void runDiagnostics(LanguageService& service, const QString& fileName) {
        const auto known = m_versions.constFind(fileName);
        if (known == m_versions.cend())
            return;
        const int version = known.value();
        if (auto result = service.diagnostics(fileName)) {
            Q_EMIT m_owner->diagnosticsReady(fileName, version, *result);
            return;
        }
        if (service.lastWasCancelled()) {
            QMutexLocker lock(&m_mutex);
            if (!m_diagnostics.contains(fileName))
                m_diagnostics.prepend(fileName); // redo once the interruption is served
        }
    }

    LanguageServiceThread* m_owner;
    LanguageService::Options m_options;
    std::atomic<State> m_state{State::NotStarted};
    std::atomic<bool> m_cancel{false};
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_stopping = false;
    LanguageService* m_live = nullptr; // the worker's service while run() has one
    quint64 m_nextId = 0;
    QHash<QString, Doc> m_docs;
    QSet<QString> m_removed;
    QList<Request> m_requests;
    QStringList m_diagnostics;
    QHash<QString, int> m_versions; // worker thread only: the version of each file's text in the service
};

LanguageServiceThread::LanguageServiceThread(QObject* parent, LanguageService::Options options)
    : QObject(parent)
    , m_worker(std::make_unique<Worker>(this, std::move(options))) {
    qRegisterMetaType<LsCompletions>();
    qRegisterMetaType<LsCompletionDetails>();
    qRegisterMetaType<LsSignatureHelp>();
    qRegisterMetaType<LsQuickInfo>();
    qRegisterMetaType<LsLoadStats>();
    qRegisterMetaType<QList<LsLocation>>();
    qRegisterMetaType<QList<LsDiagnostic>>();
}

LanguageServiceThread::~LanguageServiceThread() = default;

void LanguageServiceThread::start() {
    if (m_worker->state() == State::NotStarted && !m_worker->isRunning())
        m_worker->start(QThread::LowPriority);
}

LanguageServiceThread::State LanguageServiceThread::state() const {
    return m_worker->state();
}

void LanguageServiceThread::setDocument(const QString& fileName, const QString& text, int version) {
    m_worker->setDocument(fileName, text, version);
}

void LanguageServiceThread::removeDocument(const QString& fileName) {
    m_worker->removeDocument(fileName);
}

quint64 LanguageServiceThread::enqueue(Request request) {
    return m_worker->enqueue(std::move(request));
}

quint64 LanguageServiceThread::requestCompletions(const QString& fileName, int version, LsPosition position,
                                                  const QString& triggerCharacter) {
    return enqueue(Request{Request::Kind::Completions, 0, fileName, version, position, triggerCharacter, {}});
}

quint64 LanguageServiceThread::requestCompletionDetails(const QString& fileName, int version,
                                                        LsPosition position, const QString& entryName,
                                                        const QString& source) {
    return enqueue(Request{Request::Kind::Details, 0, fileName, version, position, entryName, source});
}

quint64 LanguageServiceThread::requestSignatureHelp(const QString& fileName, int version, LsPosition position,
                                                    const QString& triggerCharacter) {
    return enqueue(
        Request{Request::Kind::SignatureHelp, 0, fileName, version, position, triggerCharacter, {}});
}

quint64 LanguageServiceThread::requestQuickInfo(const QString& fileName, int version, LsPosition position) {
    return enqueue(Request{Request::Kind::QuickInfo, 0, fileName, version, position, {}, {}});
}

quint64 LanguageServiceThread::requestDefinition(const QString& fileName, int version, LsPosition position) {
    return enqueue(Request{Request::Kind::Definition, 0, fileName, version, position, {}, {}});
}

void LanguageServiceThread::requestDiagnostics(const QString& fileName) {
    m_worker->requestDiagnostics(fileName);
}

} // namespace botwright::typescript
