using Cauce.Core.Conventions;

namespace Cauce.Core.Tests.Conventions;

public class DatasetFileNameTests
{
    [Theory]
    [InlineData("clientes_raw_20250930.csv", "clientes", DataPhase.Raw, SplitPart.None)]
    [InlineData("ventas_processed_20251002.csv", "ventas", DataPhase.Processed, SplitPart.None)]
    [InlineData("clientes-train_processed_20251002.csv", "clientes", DataPhase.Processed, SplitPart.Train)]
    [InlineData("clientes-test_processed_20251002.csv", "clientes", DataPhase.Processed, SplitPart.Test)]
    [InlineData("ventas-por-tienda_interim_20240229.csv", "ventas-por-tienda", DataPhase.Interim, SplitPart.None)]
    [InlineData("kdd99_raw_19990101.csv", "kdd99", DataPhase.Raw, SplitPart.None)]
    public void Template_and_edge_names_are_valid(string name, string dataset, DataPhase phase, SplitPart split)
    {
        var parsed = DatasetFileName.Parse(name);

        Assert.Equal(dataset, parsed.Dataset);
        Assert.Equal(phase, parsed.Phase);
        Assert.Equal(split, parsed.Split);
        Assert.Equal(name, parsed.FileName);
    }

    [Theory]
    [InlineData("clientes_raw_20250230.csv", "not a real calendar date")] // 30 February
    [InlineData("clientes_raw_20230229.csv", "not a real calendar date")] // 2023 is no leap year
    [InlineData("clientes_raw_20251301.csv", "not a real calendar date")]
    [InlineData("clientes_raw_2025-09-30.csv", "not a date written YYYYMMDD")]
    [InlineData("Clientes_raw_20250930.csv", "upper-case")]
    [InlineData("clientes_RAW_20250930.csv", "not one of raw, interim, processed")]
    [InlineData("clientes_20250930.csv", "expected 3 fields")]
    [InlineData("clientes_raw_extra_20250930.csv", "expected 3 fields")]
    [InlineData("clientes_raw_20250930.CSV", "the extension is '.CSV'")]
    [InlineData("clientes_raw_20250930.parquet", "the extension is '.parquet'")]
    [InlineData("mis clientes_raw_20250930.csv", "a space")]
    [InlineData("clientes--a_raw_20250930.csv", "joins no two words")]
    [InlineData("-clientes_raw_20250930.csv", "joins no two words")]
    [InlineData("clientés_raw_20250930.csv", "non-ASCII")]
    [InlineData("_raw_20250930.csv", "is empty")]
    public void Broken_names_say_why(string name, string reason)
    {
        var result = DatasetFileName.TryParse(name);

        Assert.False(result.IsValid);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_name_is_reported_at_once()
    {
        var result = DatasetFileName.TryParse("Clientes_RAW_20250230.csv");

        Assert.Equal(3, result.Problems.Count);
    }

    [Fact]
    public void Formatting_gives_the_conventional_path()
    {
        var name = new DatasetFileName("clientes", DataPhase.Processed, new DateOnly(2025, 10, 2)).AsSplit(SplitPart.Train);

        Assert.Equal("data/processed/clientes-train_processed_20251002.csv", name.RelativePath);
        Assert.Equal("clientes_interim_20251002.csv", name.AsSplit(SplitPart.None).InPhase(DataPhase.Interim).FileName);
    }

    [Fact]
    public void Parse_of_an_invalid_name_throws_with_the_reason()
    {
        var error = Assert.Throws<FormatException>(() => DatasetFileName.Parse("x.csv"));

        Assert.Contains("expected 3 fields", error.Message, StringComparison.Ordinal);
    }
}
