using System.Text;

namespace Cauce.Core.IO;

/// <summary>
/// Writes files so that a reader never sees half of one: the content goes to a temporary file in the same
/// folder, which is renamed over the target only once it is complete and flushed. An interrupted write leaves
/// the old file (or none) in place and removes its temporary file.
/// </summary>
public static class AtomicFile
{
    /// <summary>The prefix of every temporary file; such files are hidden and never taken for real data.</summary>
    public const string TempPrefix = ".cauce-tmp-";

    /// <summary>UTF-8 without a byte-order mark: what every file Cauce writes uses.</summary>
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Starts writing <paramref name="path"/>: write to <see cref="PendingFile.Stream"/>, then
    /// <see cref="PendingFile.Commit"/>. Disposing a pending file that was not committed removes it, so several
    /// outputs can be written side by side and committed only when all of them are complete.
    /// </summary>
    public static PendingFile Begin(string path) => new(Path.GetFullPath(path));

    /// <summary>Writes through a stream handed to <paramref name="write"/>; the target appears only if it returns normally.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        using var pending = Begin(path);
        await write(pending.Stream, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        pending.Commit();
    }

    /// <summary>Writes text as UTF-8 without a byte-order mark, with the same guarantee.</summary>
    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        WriteAsync(path, (s, ct) => s.WriteAsync(Utf8NoBom.GetBytes(text), ct).AsTask(), cancellationToken);

    /// <summary>Synchronous form of <see cref="WriteAllTextAsync"/>.</summary>
    public static void WriteAllText(string path, string text)
    {
        using var pending = Begin(path);
        pending.Stream.Write(Utf8NoBom.GetBytes(text));
        pending.Commit();
    }

    /// <summary>Synchronous form for binary content.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var pending = Begin(path);
        pending.Stream.Write(bytes);
        pending.Commit();
    }
}

/// <summary>A file being written atomically: invisible under its name until <see cref="Commit"/>.</summary>
public sealed class PendingFile : IDisposable
{
    private readonly string _temp;
    private readonly List<string> _createdFolders = [];
    private FileStream? _stream;

    internal PendingFile(string target)
    {
        Target = target;
        var folder = Path.GetDirectoryName(target)!;
        // The folders this write creates, deepest first: removed again (when empty) if it is never committed.
        for (var missing = folder; missing is not null && !Directory.Exists(missing); missing = Path.GetDirectoryName(missing))
            _createdFolders.Add(missing);
        _temp = Path.Combine(folder, AtomicFile.TempPrefix + Path.GetFileName(target) + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(folder);
            _stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch
        {
            try
            {
                RemoveCreatedFolders();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The error to report is the one that stopped the write.
            }

            throw;
        }
    }

    /// <summary>The full path the file will have once committed.</summary>
    public string Target { get; }

    public Stream Stream => _stream ?? throw new ObjectDisposedException(nameof(PendingFile));

    /// <summary>Flushes to disk and renames the temporary file over the target.</summary>
    public void Commit()
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(PendingFile));
        stream.Flush(flushToDisk: true);
        stream.Dispose();
        _stream = null;
        File.Move(_temp, Target, overwrite: true);
    }

    public void Dispose()
    {
        if (_stream is null)
            return;
        _stream.Dispose();
        _stream = null;
        try
        {
            File.Delete(_temp);
            RemoveCreatedFolders();
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is hidden and carries the temp prefix, never mistaken for output;
            // a folder left over is empty.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Removes the folders this write created, deepest first, while they are empty.</summary>
    private void RemoveCreatedFolders()
    {
        foreach (var folder in _createdFolders)
        {
            if (!Directory.Exists(folder) || Directory.EnumerateFileSystemEntries(folder).Any())
                break;
            Directory.Delete(folder);
        }
    }
}
