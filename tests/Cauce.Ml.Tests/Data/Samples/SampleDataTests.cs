using System.Text;
using Cauce.Core.Errors;
using Cauce.Ml.Data.Samples;

namespace Cauce.Ml.Tests.Data.Samples;

public sealed class SampleDataTests
{
    public static TheoryData<string> AllKinds => [.. SampleData.Kinds];

    [Fact]
    public void The_kinds_are_clientes_and_ventas() =>
        Assert.Equal(["clientes", "ventas"], SampleData.Kinds);

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Same_seed_gives_identical_bytes(string kind) =>
        Assert.Equal(SampleCsv.Bytes(kind, 5_000, 7), SampleCsv.Bytes(kind, 5_000, 7));

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Different_seed_gives_different_bytes(string kind)
    {
        var a = SampleCsv.Bytes(kind, 1_000, 1);
        var b = SampleCsv.Bytes(kind, 1_000, 2);
        Assert.NotEqual(a, b);
        Assert.Equal(SampleCsv.Parse(a).Header, SampleCsv.Parse(b).Header);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Fewer_rows_give_a_prefix_of_the_same_file(string kind)
    {
        var shorter = SampleCsv.Bytes(kind, 3_000, 11);
        var longer = SampleCsv.Bytes(kind, 9_000, 11);
        Assert.True(longer.AsSpan().StartsWith(shorter));
    }

    [Theory]
    [InlineData("clientes", 1)]
    [InlineData("clientes", 2)]
    [InlineData("clientes", 1_234)]
    [InlineData("ventas", 1)]
    [InlineData("ventas", 201)]
    [InlineData("ventas", 4_321)]
    public async Task Writes_exactly_the_requested_rows_after_the_header(string kind, long rows)
    {
        using var stream = new MemoryStream();
        var written = await SampleData.WriteAsync(kind, rows, 3, stream);

        Assert.Equal(rows, written);
        var bytes = stream.ToArray();
        Assert.Equal(rows + 1, bytes.Count(b => b == (byte)'\n'));
        Assert.Equal((byte)'\n', bytes[^1]);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task Zero_rows_writes_only_the_header(string kind)
    {
        using var stream = new MemoryStream();
        var written = await SampleData.WriteAsync(kind, 0, 42, stream);

        Assert.Equal(0, written);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(SampleCsv.Parse(SampleCsv.Bytes(kind, 1, 42)).Header, text.TrimEnd('\n').Split(','));
        Assert.Equal(1, text.Count(c => c == '\n'));
    }

    [Fact]
    public async Task Unknown_kind_is_a_usage_error_that_names_the_valid_kinds()
    {
        using var stream = new MemoryStream();
        var error = await Assert.ThrowsAsync<CauceException>(() => SampleData.WriteAsync("pedidos", 10, 42, stream));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Contains("pedidos", error.Message, StringComparison.Ordinal);
        Assert.Contains("clientes", error.Message, StringComparison.Ordinal);
        Assert.Contains("ventas", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public async Task Negative_rows_is_a_usage_error()
    {
        using var stream = new MemoryStream();
        var error = await Assert.ThrowsAsync<CauceException>(() => SampleData.WriteAsync("clientes", -1, 42, stream));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Contains("-1", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Every_row_has_as_many_fields_as_the_header(string kind)
    {
        var csv = kind == "clientes" ? SampleCsv.Clientes : SampleCsv.Ventas;

        Assert.Equal(SampleCsv.DirtRows, csv.Rows.Count);
        Assert.All(csv.Rows, row => Assert.Equal(csv.Header.Length, row.Length));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Output_is_utf8_without_bom_with_lf_endings_and_no_quotes(string kind)
    {
        var bytes = SampleCsv.Bytes(kind, 5_000, 42);

        Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.DoesNotContain((byte)'"', bytes);
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        _ = strict.GetString(bytes);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Header_names_are_lower_case_snake_case(string kind)
    {
        var header = SampleCsv.Parse(SampleCsv.Bytes(kind, 0, 42)).Header;

        Assert.All(header, name => Assert.Matches("^[a-z][a-z0-9_]*$", name));
        Assert.Equal(header.Length, header.Distinct().Count());
    }

    [Fact]
    public async Task Progress_is_reported_every_65536_rows_and_once_at_the_end()
    {
        var reports = new List<long>();
        await SampleData.WriteAsync("ventas", 140_000, 42, Stream.Null, new SynchronousProgress(reports.Add));

        Assert.Equal(3, reports.Count);
        Assert.InRange(reports[0], 65_536, 65_537);
        Assert.InRange(reports[1], 131_072, 131_073);
        Assert.Equal(140_000, reports[2]);
    }

    [Fact]
    public async Task Zero_rows_reports_zero_at_the_end()
    {
        var reports = new List<long>();
        await SampleData.WriteAsync("clientes", 0, 42, Stream.Null, new SynchronousProgress(reports.Add));

        Assert.Equal([0L], reports);
    }

    [Fact]
    public async Task Cancelling_stops_the_writing()
    {
        using var cancellation = new CancellationTokenSource();
        var stream = new CountingStream();
        var progress = new SynchronousProgress(_ => cancellation.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => SampleData.WriteAsync("clientes", 10_000_000, 42, stream, progress, cancellation.Token));

        // Cancelled at the first report (65,536 rows, about 7 MB): one more buffer at most, far from the 10 million rows.
        Assert.InRange(stream.Length, 1, 10_000_000);
    }

    [Fact]
    public async Task An_already_cancelled_token_writes_nothing()
    {
        using var stream = new MemoryStream();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => SampleData.WriteAsync("ventas", 1_000, 42, stream, cancellationToken: new CancellationToken(canceled: true)));

        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public async Task The_output_stream_is_left_open()
    {
        using var stream = new MemoryStream();
        await SampleData.WriteAsync("clientes", 10, 42, stream);

        Assert.True(stream.CanWrite);
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>A write-only stream that only counts, so a cancelled huge request costs no memory.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
