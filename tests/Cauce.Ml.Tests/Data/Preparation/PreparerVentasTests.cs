using System.Globalization;
using Cauce.Ml.Tests.Data.Csv;

namespace Cauce.Ml.Tests.Data.Preparation;

/// <summary>The repository's other worked example: <c>cauce sample ventas</c> through validate, prepare and a time split.</summary>
public sealed class PreparerVentasTests
{
    private static string[] Column((string[] Header, List<string[]> Rows) file, string name) =>
        [.. file.Rows.Select(r => r[Array.IndexOf(file.Header, name)])];

    [Fact]
    public void Ventas_validates_prepares_and_splits_by_time_on_whole_days()
    {
        using var project = DataProject.WithRepositoryParams();
        var config = project.Config("ventas");
        project.WriteSample("ventas", 6_000, 42, config.RawPath);

        var report = project.Validate("ventas");
        Assert.True(report.Passed, string.Join("\n", report.Findings.Select(f => f.Message)));

        var log = project.Prepare("ventas");
        var interim = CsvFiles.ReadPlain(project.Interim("ventas"));
        var processed = CsvFiles.ReadPlain(project.Processed("ventas"));
        Assert.Equal("regression", log.Task);
        Assert.DoesNotContain(Column(interim, "temperatura"), t => t.StartsWith("-999", StringComparison.Ordinal));
        Assert.Equal(["Bebidas", "Limpieza", "Lácteos", "Panadería", "Snacks"], Column(interim, "categoria").Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["false", "true"], Column(interim, "promocion").Distinct().Order(StringComparer.Ordinal));
        Assert.DoesNotContain("", Column(processed, "precio"));

        var price = Column(processed, "precio");
        var discount = Column(processed, "descuento");
        var final = Column(processed, "precio_final");
        var weekday = Column(processed, "dia_semana");
        var weekend = Column(processed, "fin_de_semana");
        for (var i = 0; i < price.Length; i++)
        {
            var p = double.Parse(price[i], CultureInfo.InvariantCulture);
            var d = double.Parse(discount[i], CultureInfo.InvariantCulture);
            Assert.Equal(p * (1 - d), double.Parse(final[i], CultureInfo.InvariantCulture));
            Assert.Equal(int.Parse(weekday[i], CultureInfo.InvariantCulture) >= 6 ? "1" : "0", weekend[i]);
        }

        var split = project.Split("ventas");
        Assert.Equal("time", split.Method);
        var train = CsvFiles.ReadPlain(project.Folder.Path(split.Train.Path));
        var test = CsvFiles.ReadPlain(project.Folder.Path(split.Test.Path));
        Assert.All(Column(test, "fecha"), d => Assert.True(string.CompareOrdinal(d, split.Cutoff) >= 0));
        Assert.All(Column(train, "fecha"), d => Assert.True(string.CompareOrdinal(d, split.Cutoff) < 0));
        Assert.InRange(split.Test.Rows, 0.15 * log.Processed.Rows, 0.25 * log.Processed.Rows);
    }
}
