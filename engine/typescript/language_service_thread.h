#pragma once

#include "engine/typescript/language_service.h"

#include <QObject>

#include <memory>

namespace botwright::typescript {

// The language service on its own thread. Every call returns at once: documents and requests are
// queued for the worker and answers come back as signals (queued to the caller's thread).
//
// - Coalescing: a newer request of the same kind for the same file supersedes one still waiting, and a
//   document's pending text is replaced by newer text, so a burst of keystrokes costs one update.
// - Versions: every answer carries the document version it was computed on. A request whose version
//   is older than the document's newest text is dropped unanswered (its caller has asked again or no
//   longer cares); callers drop answers for versions they have moved past.
// - Priority: interactive requests (completions, details, signature help, quick info, definitions)
//   come before diagnostics, and a diagnostics run still in progress is cancelled (then redone) when a
//   document changes or an interactive request arrives.
class LanguageServiceThread final : public QObject {
    Q_OBJECT
public:
    enum class State { NotStarted, Loading, Ready, Failed };

    explicit LanguageServiceThread(QObject* parent = nullptr, LanguageService::Options options = {});
    ~LanguageServiceThread() override;

    // Starts the worker, which loads the service in the background (see ready() / failed()).
    void start();
    State state() const;

    void setDocument(const QString& fileName, const QString& text, int version);
    void removeDocument(const QString& fileName);

    quint64 requestCompletions(const QString& fileName, int version, LsPosition position,
                               const QString& triggerCharacter = {});
    quint64 requestCompletionDetails(const QString& fileName, int version, LsPosition position,
                                     const QString& entryName, const QString& source = {});
    quint64 requestSignatureHelp(const QString& fileName, int version, LsPosition position,
                                 const QString& triggerCharacter = {});
    quint64 requestQuickInfo(const QString& fileName, int version, LsPosition position);
    quint64 requestDefinition(const QString& fileName, int version, LsPosition position);
    // Diagnostics of the file's newest text (answered with that text's version).
    void requestDiagnostics(const QString& fileName);

Q_SIGNALS:
    void ready(const botwright::typescript::LsLoadStats& stats);
    void failed(const QString& error);
    void completionsReady(quint64 id, const QString& fileName, int version,
                          const botwright::typescript::LsCompletions& completions);
    void completionDetailsReady(quint64 id, const QString& fileName, int version,
                                const botwright::typescript::LsCompletionDetails& details);
    void signatureHelpReady(quint64 id, const QString& fileName, int version,
                            const botwright::typescript::LsSignatureHelp& help);
    void quickInfoReady(quint64 id, const QString& fileName, int version,
                        const botwright::typescript::LsQuickInfo& info);
    void definitionReady(quint64 id, const QString& fileName, int version,
                         const QList<botwright::typescript::LsLocation>& locations);
    void diagnosticsReady(const QString& fileName, int version,
                          const QList<botwright::typescript::LsDiagnostic>& diagnostics);

private:
    class Worker;
    struct Request;
    quint64 enqueue(Request request);

    std::unique_ptr<Worker> m_worker;
};

} // namespace botwright::typescript
