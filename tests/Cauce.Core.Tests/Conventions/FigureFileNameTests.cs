using Cauce.Core.Conventions;

namespace Cauce.Core.Tests.Conventions;

public class FigureFileNameTests
{
    [Theory]
    [InlineData("tendencias_ventas_20251001.png", "tendencias", "ventas", null)]
    [InlineData("distribucion_clientes_raw_20250930.png", "distribucion", "clientes", DataPhase.Raw)]
    [InlineData("matriz-confusion_clientes-test_processed_20251002.png", "matriz-confusion", "clientes-test", DataPhase.Processed)]
    public void Template_and_edge_names_are_valid(string name, string topic, string dataset, DataPhase? phase)
    {
        var parsed = FigureFileName.Parse(name);

        Assert.Equal(topic, parsed.Topic);
        Assert.Equal(dataset, parsed.Dataset);
        Assert.Equal(phase, parsed.Phase);
        Assert.Equal(name, parsed.FileName);
    }

    [Theory]
    [InlineData("distribucion_clientes_final_20250930.png", "not one of raw, interim, processed")]
    [InlineData("distribucion_20250930.png", "3 or 4 fields")]
    [InlineData("a_b_raw_c_20250930.png", "3 or 4 fields")]
    [InlineData("distribucion_clientes_20250931.png", "not a real calendar date")]
    [InlineData("Distribucion_clientes_20250930.png", "upper-case")]
    [InlineData("distribucion_clientes_20250930.jpg", "the extension is '.jpg'")]
    public void Broken_names_say_why(string name, string reason)
    {
        var result = FigureFileName.TryParse(name);

        Assert.False(result.IsValid);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }
}
