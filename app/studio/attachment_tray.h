#pragma once

#include <QStringList>
#include <QWidget>

class QHBoxLayout;

namespace botwright::studio {

// The files a person is about to send, above the composer: one chip per file with its name, size and
// a remove button, as Discord's upload tray. Files come from the attach button or are dropped on the
// chat; hidden while empty.
class AttachmentTray final : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxFiles = 10;                    // Discord's attachments per message
    static constexpr qint64 kMaxBytes = 25ll * 1024 * 1024; // Discord's request cap

    explicit AttachmentTray(QWidget* parent = nullptr);

    // Adds local files (not folders, not duplicates); refused() says why a file was left out.
    void addFiles(const QStringList& paths);
    void removeFile(const QString& path);
    QStringList files() const { return m_files; }
    void clear();
    // Takes local files dropped on `target` (which is made to accept drops).
    void acceptDropsOn(QWidget* target);

Q_SIGNALS:
    void changed();
    void refused(const QString& why);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();

    QHBoxLayout* m_row;
    QStringList m_files;
};

} // namespace botwright::studio
