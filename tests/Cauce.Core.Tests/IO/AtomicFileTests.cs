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

    [Fact]
    public void A_write_that_is_never_committed_removes_the_folders_it_made()
    {
        Directory.CreateDirectory(_folder.Path("kept"));

        using (var pending = AtomicFile.Begin(_folder.Path("kept/new/deeper/out.csv")))
            pending.Stream.Write("half"u8);

        Assert.True(Directory.Exists(_folder.Path("kept")));
        Assert.False(Directory.Exists(_folder.Path("kept/new")));
    }

    [Fact]
    public void A_folder_a_committed_file_shares_stays_when_another_write_is_abandoned()
    {
        using (var done = AtomicFile.Begin(_folder.Path("new/done.csv")))
        using (var abandoned = AtomicFile.Begin(_folder.Path("new/abandoned.csv")))
        {
            done.Stream.Write("all"u8);
            done.Commit();
        }

        Assert.Equal(["done.csv"], Directory.GetFiles(_folder.Path("new")).Select(Path.GetFileName));
    }
}
