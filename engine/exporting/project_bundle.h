#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace botwright::exporting {

// A portable bundle of a project: one file holding its scripts and a manifest, to hand a project to
// someone else or keep a snapshot. The format (docs/bundle-format.md) is a POSIX ustar archive
// compressed with zstd, so `tar --zstd -xf project.botwright.tar.zst` also opens it:
//
//   manifest.json        {"format": "botwright-bundle", "version": 1, "project", "created",
//                         "generator", "scripts": [{"name", "path", "size", "sha256"}], "botloader"?}
//   scripts/<name>.ts    one entry per script, the bytes as they are on disk
//
// Reading is strict: the manifest must list every script with its size and sha256, entry names
// must be `manifest.json` or `scripts/<valid name>.ts` (no other paths, no links), and the
// uncompressed size is bounded, so a hostile bundle cannot write outside the target folder or
// exhaust memory.
namespace bundle {

inline constexpr char kFormat[] = "botwright-bundle";
inline constexpr int kVersion = 1;
inline constexpr qsizetype kMaxUncompressedBytes = 64 * 1024 * 1024;
inline constexpr qsizetype kMaxScriptBytes = 16 * 1024 * 1024;
inline constexpr int kMaxScripts = 10000;

QString defaultFileName(const QString& projectName); // "<name>.botwright.tar.zst"

struct ScriptEntry {
    QString name;
    qsizetype size = 0;
    QByteArray sha256; // hex
};

struct Manifest {
    QString project;
    QDateTime created;
    QString generator;
    QList<ScriptEntry> scripts;
    QJsonObject botloader; // {"guild": {"id", "name"}} when the project was linked; informational
};

struct Contents {
    Manifest manifest;
    QMap<QString, QByteArray> scripts;
};

// The bundle bytes for `scripts` (name → source). `botloader` may be empty.
QByteArray build(const QString& projectName, const QMap<QString, QByteArray>& scripts,
                 const QJsonObject& botloader = {},
                 const QDateTime& created = QDateTime::currentDateTimeUtc());
// Parses and checks a bundle (zstd-compressed or plain tar).
std::optional<Contents> read(const QByteArray& bytes, QString* error);

// Writes every script of the project folder (the files Project lists) into `bundlePath` atomically.
bool exportProject(const QString& projectRoot, const QString& bundlePath, QString* error,
                   int* scriptCount = nullptr);

struct ImportResult {
    Manifest manifest;
    QStringList written;   // new or replaced scripts
    QStringList identical; // already there with the same bytes
    QStringList replaced;  // existing scripts overwritten (overwrite = true), backed up first
    QStringList backups;   // where those were saved
};
// Writes the bundle's scripts into `projectRoot` (created when missing). Existing scripts with other
// text stop the import before anything is written, unless `overwrite`, which backs each up under
// `<project>/.botwright/import-backups/<time>/` first.
std::optional<ImportResult> importBundle(const QString& bundlePath, const QString& projectRoot,
                                         bool overwrite, QString* error);

} // namespace bundle
} // namespace botwright::exporting
