using Cauce.Core.IO;

namespace Cauce.Core.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_failed_write_leaves_the_old_file_and_no_temporary_file()
    {
        _folder.Write("out.csv", "old");

        await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteAsync(_folder.Path("out.csv"), async (stream, ct) =>
        {
            await stream.WriteAsync("new, half"u8.ToArray(), ct);
            throw new InvalidOperationException("disk full");
        }));

        Assert.Equal("old", _folder.Read("out.csv"));
        Assert.Equal(["out.csv"], Directory.GetFiles(_folder.Root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_cancelled_write_leaves_nothing_behind()
    {
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(_folder.Path("new.csv"), async (stream, ct) =>
        {
            await stream.WriteAsync("partial"u8.ToArray(), ct);
            await cancel.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }, cancel.Token));

        Assert.Empty(Directory.GetFiles(_folder.Root));
    }

    [Fact]
    public void A_complete_write_replaces_the_file_and_makes_its_folder()
    {
        AtomicFile.WriteAllText(_folder.Path("a/b/out.txt"), "ñandú");

        Assert.Equal("ñandú", _folder.Read("a/b/out.txt"));
        Assert.Equal(7, new FileInfo(_folder.Path("a/b/out.txt")).Length); // UTF-8, no byte-order mark
    }
}
