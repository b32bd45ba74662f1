using System.Text;

namespace Cauce.Core.IO;

/// <summary>
/// Writes files so that a reader never sees half of one: the content goes to a temporary file in the same
/// folder, which is renamed over the target only once it is complete and flushed. An interrupted write leaves
/// the old file (or none) in place and removes its temporary file.
/// </summary>
public static class AtomicFile
{
    /// <summary>The prefix of every temporary file; such files are never taken for real data.</summary>
    public const string TempPrefix = ".cauce-tmp-";

    /// <summary>Writes through a stream handed to <paramref name="write"/>; the target appears only if it returns normally.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, TempPrefix + Path.GetFileName(full) + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Writes text as UTF-8 without a byte-order mark, with the same guarantee.</summary>
    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        WriteAsync(path, (s, ct) => s.WriteAsync(Utf8NoBom.GetBytes(text), ct).AsTask(), cancellationToken);

    /// <summary>Synchronous form of <see cref="WriteAllTextAsync"/> for small files.</summary>
    public static void WriteAllText(string path, string text) =>
        WriteAllTextAsync(path, text).GetAwaiter().GetResult();

    /// <summary>UTF-8 without a byte-order mark: what every file Cauce writes uses.</summary>
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
                File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file carries the temp prefix and is never mistaken for output.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
