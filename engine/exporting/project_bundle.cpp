#include "engine/exporting/project_bundle.h"

#include "engine/exporting/script_validation.h"
#include "engine/exporting/workspace_state.h"
#include "engine/project/file_io.h"
#include "engine/project/project.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cstring>
#include <memory>
#include <zstd.h>

#ifndef BOTWRIGHT_VERSION
#define BOTWRIGHT_VERSION "0"
#endif

namespace botwright::exporting::bundle {

namespace {

constexpr int kBlock = 512;
constexpr int kZstdLevel = 12;
constexpr qsizetype kMaxManifestBytes = 1024 * 1024;
const QByteArray kZstdMagic = QByteArray::fromHex("28b52ffd");
const QString kManifestPath = QStringLiteral("manifest.json");
const QString kScriptsPrefix = QStringLiteral("scripts/");

// ---- ustar -------------------------------------------------------------------------------------

void putOctal(char* field, int width, qint64 value) {
    // width - 1 octal digits, then NUL.
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(width - 1, '0');
    std::memcpy(field, digits.constData(), static_cast<size_t>(width - 1));
    field[width - 1] = '\0';
}

void appendEntry(QByteArray& out, const QString& path, const QByteArray& data, qint64 mtime) {
    char header[kBlock];
    std::memset(header, 0, sizeof header);
    const QByteArray name = path.toUtf8();
    std::memcpy(header, name.constData(), static_cast<size_t>(std::min<qsizetype>(name.size(), 100)));
    putOctal(header + 100, 8, 0644);
    putOctal(header + 108, 8, 0);
    putOctal(header + 116, 8, 0);
    putOctal(header + 124, 12, data.size());
    putOctal(header + 136, 12, mtime);
    std::memset(header + 148, ' ', 8);
    header[156] = '0';
    std::memcpy(header + 257, "ustar", 6); // with its NUL
    std::memcpy(header + 263, "00", 2);
    unsigned sum = 0;
    for (const char c : header)
        sum += static_cast<unsigned char>(c);
    const QByteArray checksum = QByteArray::number(sum, 8).rightJustified(6, '0');
    std::memcpy(header + 148, checksum.constData(), 6);
    header[154] = '\0';
    header[155] = ' ';
    out.append(header, kBlock);
    out.append(data);
    out.append(QByteArray((kBlock - data.size() % kBlock) % kBlock, '\0'));
}

std::optional<qint64> readOctal(const char* field, int width) {
    qint64 value = 0;
    int i = 0;
    while (i < width && field[i] == ' ')
        ++i;
    bool any = false;
    for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) {
        value = value * 8 + (field[i] - '0');
        any = true;
        if (value > (qint64(1) << 40))
            return std::nullopt;
    }
    if (i < width && field[i] != '\0' && field[i] != ' ')
        return std::nullopt;
    return any ? value : 0;
}

struct TarEntry {
    QString path;
    QByteArray data;
};

std::optional<QList<TarEntry>> readTar(const QByteArray& tar, QString* error) {
    QList<TarEntry> entries;
    qsizetype at = 0;
    while (at + kBlock <= tar.size()) {
        const char* h = tar.constData() + at;
        if (std::all_of(h, h + kBlock, [](char c) { return c == '\0'; }))
            return entries; // end of archive
        unsigned sum = 0;
        for (int i = 0; i < kBlock; ++i)
            sum += (i >= 148 && i < 156) ? unsigned(' ') : static_cast<unsigned char>(h[i]);
        const std::optional<qint64> stored = readOctal(h + 148, 8);
        const std::optional<qint64> size = readOctal(h + 124, 12);
        if (!stored || *stored != sum || !size) {
            *error = QStringLiteral("the bundle is damaged (bad tar header at byte %1)").arg(at);
            return std::nullopt;
        }
        QByteArray name(h, static_cast<qsizetype>(strnlen(h, 100)));
        if (std::memcmp(h + 257, "ustar", 5) == 0 && h[345] != '\0')
            name = QByteArray(h + 345, static_cast<qsizetype>(strnlen(h + 345, 155))) + '/' + name;
        const char type = h[156];
        at += kBlock;
        if (*size > tar.size() - at) {
            *error = QStringLiteral("the bundle is truncated (entry %1)").arg(QString::fromUtf8(name));
            return std::nullopt;
        }
        const QByteArray data = tar.mid(at, *size);
        at += (*size + kBlock - 1) / kBlock * kBlock;
        switch (type) {
        case '0':
        case '\0':
            entries.append(TarEntry{QString::fromUtf8(name), data});
            break;
        case '5': // a folder: nothing to read
        case 'x': // pax and GNU extended headers (e.g. after repacking with another tar): ignored;
        case 'g': // the names this format allows fit the ustar fields
        case 'L':
            break;
        default:
            *error = QStringLiteral("the bundle holds %1, which is not a plain file (links and devices are "
                                    "refused)")
                         .arg(QString::fromUtf8(name));
            return std::nullopt;
        }
        if (entries.size() > kMaxScripts + 1) {
            *error = QStringLiteral("the bundle has more than %1 entries").arg(kMaxScripts);
            return std::nullopt;
        }
    }
    if (entries.isEmpty()) { // no end marker: what was read counts, unless it was nothing
        *error = QStringLiteral("the bundle is empty or not a tar archive");
        return std::nullopt;
    }
    return entries;
}

// ---- zstd --------------------------------------------------------------------------------------

std::optional<QByteArray> decompress(const QByteArray& bytes, QString* error) {
    std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context(ZSTD_createDCtx(), &ZSTD_freeDCtx);
    QByteArray out;
    ZSTD_inBuffer in{bytes.constData(), static_cast<size_t>(bytes.size()), 0};
    for (;;) {
        const qsizetype start = out.size();
        out.resize(start + static_cast<qsizetype>(ZSTD_DStreamOutSize()));
        ZSTD_outBuffer buffer{out.data() + start, static_cast<size_t>(out.size() - start), 0};
        const size_t hint = ZSTD_decompressStream(context.get(), &buffer, &in);
        out.resize(start + static_cast<qsizetype>(buffer.pos));
        if (ZSTD_isError(hint)) {
            *error = QStringLiteral("the bundle is damaged (zstd: %1)")
                         .arg(QString::fromLatin1(ZSTD_getErrorName(hint)));
            return std::nullopt;
        }
        if (out.size() > kMaxUncompressedBytes) {
            *error = QStringLiteral("the bundle unpacks to more than %1 MB; refused")
                         .arg(kMaxUncompressedBytes >> 20);
            return std::nullopt;
        }
        if (hint == 0 && in.pos == in.size)
            return out; // the last frame is complete
        if (buffer.pos == 0 && in.pos == in.size) {
            *error = QStringLiteral("the bundle is truncated");
            return std::nullopt;
        }
    }
}

QByteArray sha256(const QByteArray& bytes) {
    return WorkspaceState::sha256Hex(bytes);
}

std::optional<Manifest> parseManifest(const QByteArray& bytes, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    const QJsonObject o = document.object();
    if (!document.isObject()) {
        *error = QStringLiteral("manifest.json is not valid JSON (%1)").arg(parseError.errorString());
        return std::nullopt;
    }
    if (o.value(QLatin1String("format")).toString() != QLatin1String(kFormat)) {
        *error =
            QStringLiteral("not a Botwright bundle (manifest.json has no \"format\": \"%1\")").arg(kFormat);
        return std::nullopt;
    }
    const int version = o.value(QLatin1String("version")).toInt();
    if (version != kVersion) {
        *error = QStringLiteral("bundle format version %1 is not supported (this studio reads version %2); "
                                "update Botwright Studio")
                     .arg(version)
                     .arg(kVersion);
        return std::nullopt;
    }
    Manifest m;
    m.project = o.value(QLatin1String("project")).toString();
    m.created = QDateTime::fromString(o.value(QLatin1String("created")).toString(), Qt::ISODate);
    m.generator = o.value(QLatin1String("generator")).toString();
    m.botloader = o.value(QLatin1String("botloader")).toObject();
    for (const QJsonValue& item : o.value(QLatin1String("scripts")).toArray()) {
        const QJsonObject s = item.toObject();
        ScriptEntry entry{s.value(QLatin1String("name")).toString(),
                          static_cast<qsizetype>(s.value(QLatin1String("size")).toDouble(-1)),
                          s.value(QLatin1String("sha256")).toString().toLatin1()};
        if (const QString why = checkScriptName(entry.name); !why.isEmpty()) {
            *error = QStringLiteral("manifest.json lists a script with a bad name: %1").arg(why);
            return std::nullopt;
        }
        if (s.value(QLatin1String("path")).toString() !=
            kScriptsPrefix + entry.name + QStringLiteral(".ts")) {
            *error =
                QStringLiteral("manifest.json: script %1 must be at %2%1.ts").arg(entry.name, kScriptsPrefix);
            return std::nullopt;
        }
        if (entry.size < 0 || entry.sha256.size() != 64) {
            *error = QStringLiteral("manifest.json: script %1 has no size or sha256").arg(entry.name);
            return std::nullopt;
        }
        m.scripts.append(entry);
    }
    return m;
}

} // namespace

QString defaultFileName(const QString& projectName) {
    return (projectName.isEmpty() ? QStringLiteral("project") : projectName) +
           QStringLiteral(".botwright.tar.zst");
}

QByteArray build(const QString& projectName, const QMap<QString, QByteArray>& scripts,
                 const QJsonObject& botloader, const QDateTime& created) {
    QJsonArray list;
    for (auto it = scripts.cbegin(); it != scripts.cend(); ++it)
        list.append(QJsonObject{{QStringLiteral("name"), it.key()},
                                {QStringLiteral("path"), kScriptsPrefix + it.key() + QStringLiteral(".ts")},
                                {QStringLiteral("size"), static_cast<double>(it.value().size())},
                                {QStringLiteral("sha256"), QString::fromLatin1(sha256(it.value()))}});
    QJsonObject manifest{{QStringLiteral("format"), QLatin1String(kFormat)},
                         {QStringLiteral("version"), kVersion},
                         {QStringLiteral("project"), projectName},
                         {QStringLiteral("created"), created.toUTC().toString(Qt::ISODate)},
                         {QStringLiteral("generator"), QStringLiteral("Botwright Studio " BOTWRIGHT_VERSION)},
                         {QStringLiteral("scripts"), list}};
    if (!botloader.isEmpty())
        manifest.insert(QStringLiteral("botloader"), botloader);

    const qint64 mtime = created.toSecsSinceEpoch();
    QByteArray tar;
    appendEntry(tar, kManifestPath, QJsonDocument(manifest).toJson(QJsonDocument::Indented), mtime);
    for (auto it = scripts.cbegin(); it != scripts.cend(); ++it)
        appendEntry(tar, kScriptsPrefix + it.key() + QStringLiteral(".ts"), it.value(), mtime);
    tar.append(QByteArray(2 * kBlock, '\0'));

    QByteArray out(static_cast<qsizetype>(ZSTD_compressBound(static_cast<size_t>(tar.size()))),
                   Qt::Uninitialized);
    const size_t written = ZSTD_compress(out.data(), static_cast<size_t>(out.size()), tar.constData(),
                                         static_cast<size_t>(tar.size()), kZstdLevel);
    out.resize(ZSTD_isError(written) ? 0 : static_cast<qsizetype>(written));
    return out;
}

std::optional<Contents> read(const QByteArray& bytes, QString* error) {
    std::optional<QByteArray> tar;
    if (bytes.startsWith(kZstdMagic))
        tar = decompress(bytes, error);
    else
        tar = bytes.size() <= kMaxUncompressedBytes ? std::optional(bytes) : std::nullopt;
    if (!tar) {
        if (error->isEmpty())
            *error = QStringLiteral("the bundle is too large");
        return std::nullopt;
    }
    const std::optional<QList<TarEntry>> entries = readTar(*tar, error);
    if (!entries)
        return std::nullopt;

    std::optional<Manifest> manifest;
    QMap<QString, QByteArray> files;
    for (const TarEntry& entry : *entries) {
        QString path = entry.path;
        while (path.startsWith(QLatin1String("./")))
            path.remove(0, 2);
        if (path == kManifestPath) {
            if (entry.data.size() > kMaxManifestBytes) {
                *error = QStringLiteral("manifest.json is too large");
                return std::nullopt;
            }
            manifest = parseManifest(entry.data, error);
            if (!manifest)
                return std::nullopt;
        } else if (path.startsWith(kScriptsPrefix) && path.endsWith(QLatin1String(".ts"))) {
            const QString name = path.mid(kScriptsPrefix.size()).chopped(3);
            if (const QString why = checkScriptName(name); !why.isEmpty()) {
                *error = QStringLiteral("the bundle holds %1, which is not a script file: %2").arg(path, why);
                return std::nullopt;
            }
            if (entry.data.size() > kMaxScriptBytes) {
                *error = QStringLiteral("%1 in the bundle is larger than %2 MB")
                             .arg(path)
                             .arg(kMaxScriptBytes >> 20);
                return std::nullopt;
            }
            files.insert(name, entry.data);
        }
        // Anything else (a README someone added, folders) is not part of the project: ignored.
    }
    if (!manifest) {
        *error = QStringLiteral("the bundle has no manifest.json; it is not a Botwright bundle");
        return std::nullopt;
    }
    Contents contents;
    for (const ScriptEntry& script : manifest->scripts) {
        const auto file = files.constFind(script.name);
        if (file == files.cend()) {
            *error = QStringLiteral("the bundle lists %1 but does not hold scripts/%1.ts").arg(script.name);
            return std::nullopt;
        }
        if (file->size() != script.size || sha256(*file) != script.sha256) {
            *error = QStringLiteral("scripts/%1.ts in the bundle does not match its size and sha256 in the "
                                    "manifest; the bundle is damaged")
                         .arg(script.name);
            return std::nullopt;
        }
        contents.scripts.insert(script.name, *file);
    }
    if (contents.scripts.size() != files.size()) {
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            if (!contents.scripts.contains(it.key())) {
                *error =
                    QStringLiteral("scripts/%1.ts in the bundle is not listed in its manifest").arg(it.key());
                return std::nullopt;
            }
    }
    contents.manifest = std::move(*manifest);
    return contents;
}

bool exportProject(const QString& projectRoot, const QString& bundlePath, QString* error, int* scriptCount) {
    const std::optional<project::Project> project = project::Project::open(projectRoot, error);
    if (!project)
        return false;
    QMap<QString, QByteArray> scripts;
    for (const QString& name : project->scriptNames()) {
        const std::optional<QByteArray> bytes = project::readWholeFile(project->scriptPath(name), error);
        if (!bytes)
            return false;
        scripts.insert(name, *bytes);
    }
    QJsonObject botloader;
    if (WorkspaceState::isLinked(project->rootPath())) {
        QString ignored;
        if (const std::optional<WorkspaceState> state = WorkspaceState::load(project->rootPath(), &ignored))
            botloader.insert(QStringLiteral("guild"),
                             QJsonObject{{QStringLiteral("id"), state->guildId()},
                                         {QStringLiteral("name"), state->guildName()}});
    }
    const QByteArray bytes = build(project->name(), scripts, botloader);
    if (bytes.isEmpty()) {
        *error = QStringLiteral("cannot compress the bundle");
        return false;
    }
    if (!project::writeFileAtomically(bundlePath, bytes, error))
        return false;
    if (scriptCount)
        *scriptCount = static_cast<int>(scripts.size());
    return true;
}

std::optional<ImportResult> importBundle(const QString& bundlePath, const QString& projectRoot,
                                         bool overwrite, QString* error) {
    const std::optional<QByteArray> bytes = project::readWholeFile(bundlePath, error);
    if (!bytes)
        return std::nullopt;
    std::optional<Contents> contents = read(*bytes, error);
    if (!contents) {
        *error = QStringLiteral("cannot import %1: %2").arg(bundlePath, *error);
        return std::nullopt;
    }
    const std::optional<project::Project> project = project::Project::create(projectRoot, error);
    if (!project)
        return std::nullopt;

    ImportResult result;
    result.manifest = contents->manifest;
    QStringList different;
    for (auto it = contents->scripts.cbegin(); it != contents->scripts.cend(); ++it) {
        if (!project->contains(it.key()))
            continue;
        const std::optional<QByteArray> existing =
            project::readWholeFile(project->scriptPath(it.key()), error);
        if (!existing)
            return std::nullopt;
        if (*existing == it.value())
            result.identical.append(it.key());
        else
            different.append(it.key());
    }
    if (!different.isEmpty() && !overwrite) {
        *error =
            QStringLiteral("%1 already exist(s) in %2 with other text; nothing was imported. Import into an "
                           "empty folder, or choose to overwrite (the current files are backed up).")
                .arg(different.join(QStringLiteral(", ")), project->rootPath());
        return std::nullopt;
    }
    QString backupDir;
    for (auto it = contents->scripts.cbegin(); it != contents->scripts.cend(); ++it) {
        if (result.identical.contains(it.key()))
            continue;
        if (different.contains(it.key())) {
            if (backupDir.isEmpty()) {
                backupDir = project->rootPath() + QStringLiteral("/.botwright/import-backups/") +
                            QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
                if (!QDir().mkpath(backupDir)) {
                    *error = QStringLiteral("cannot create the backup folder %1").arg(backupDir);
                    return std::nullopt;
                }
            }
            const QString target = backupDir + QLatin1Char('/') + it.key() + QStringLiteral(".ts");
            const std::optional<QByteArray> old =
                project::readWholeFile(project->scriptPath(it.key()), error);
            if (!old || !project::writeFileAtomically(target, *old, error))
                return std::nullopt;
            result.backups.append(target);
            result.replaced.append(it.key());
        }
        if (!project::writeFileAtomically(project->scriptPath(it.key()), it.value(), error))
            return std::nullopt;
        result.written.append(it.key());
    }
    return result;
}

} // namespace botwright::exporting::bundle
