using System.Text;
using Cauce.Ml.Data.Samples;

namespace Cauce.Ml.Tests.Data.Samples;

public sealed class CsvRowWriterTests
{
    [Theory]
    [InlineData(0.0, 2, "0.00")]
    [InlineData(18.25, 2, "18.25")]
    [InlineData(1234567.891, 2, "1234567.89")]
    [InlineData(0.005, 2, "0.00")]
    [InlineData(0.015, 2, "0.02")]
    [InlineData(-3.25, 1, "-3.2")]
    [InlineData(-0.04, 1, "0.0")]
    [InlineData(-999.0, 1, "-999.0")]
    [InlineData(7.6, 0, "8")]
    [InlineData(0.1, 4, "0.1000")]
    public void Decimals_are_written_with_a_dot_and_fixed_digits(double value, int decimals, string expected) =>
        Assert.Equal(expected + "\n", Row(w => w.Decimal(value, decimals)));

    [Fact]
    public void Fields_are_joined_by_commas_and_rows_end_with_a_line_feed() =>
        Assert.Equal(
            "CLI-0000042,-17,1,,Lácteos,T10\n",
            Row(w =>
            {
                w.Code("CLI-"u8, 42, 7);
                w.Integer(-17);
                w.Flag(true);
                w.Blank();
                w.Text(CsvRowWriter.Literal("Lácteos"));
                w.Code("T"u8, 10, 2);
            }));

    [Fact]
    public void Long_min_value_is_written_whole() =>
        Assert.Equal("-9223372036854775808\n", Row(w => w.Integer(long.MinValue)));

    [Theory]
    [InlineData("a,b")]
    [InlineData("say \"hi\"")]
    [InlineData("two\nlines")]
    public void Values_that_would_need_quoting_are_refused(string value) =>
        Assert.Throws<ArgumentException>(() => CsvRowWriter.Literal(value));

    [Fact]
    public async Task The_last_row_can_be_repeated_byte_for_byte()
    {
        var writer = new CsvRowWriter();
        writer.Integer(1);
        writer.Text("x"u8);
        writer.EndRow();
        writer.RepeatLastRow();
        writer.Integer(2);
        writer.EndRow();

        Assert.Equal("1,x\n1,x\n2\n", await Flush(writer));
    }

    [Fact]
    public async Task Nothing_can_be_repeated_right_after_a_flush()
    {
        var writer = new CsvRowWriter();
        writer.Integer(1);
        writer.EndRow();
        await Flush(writer);

        Assert.Throws<InvalidOperationException>(writer.RepeatLastRow);
    }

    private static string Row(Action<CsvRowWriter> write)
    {
        var writer = new CsvRowWriter();
        write(writer);
        writer.EndRow();
        return Flush(writer).GetAwaiter().GetResult();
    }

    private static async Task<string> Flush(CsvRowWriter writer)
    {
        using var stream = new MemoryStream();
        await writer.FlushAsync(stream, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
