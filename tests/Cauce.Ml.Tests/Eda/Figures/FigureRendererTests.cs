using Cauce.Core.Conventions;
using Cauce.Ml.Eda;
using Cauce.Ml.Eda.Figures;
using SkiaSharp;

namespace Cauce.Ml.Tests.Eda.Figures;

/// <summary>The figures of the clientes sample: named by the convention, one of each kind, real PNGs, stable bytes.</summary>
public sealed class FigureRendererTests
{
    private static readonly EdaNaming Naming = new("clientes", DataPhase.Raw, new DateOnly(2025, 9, 30));
    private static readonly EdaOptions Options = new() { Target = "abandono" };
    private static readonly Lazy<IReadOnlyList<EdaFigure>> LazyFigures = new(() => FigureRenderer.Render(EdaInputs.Clientes, Naming, Options));

    private static IReadOnlyList<EdaFigure> Figures => LazyFigures.Value;

    [Fact]
    public void Every_figure_is_named_by_the_figure_convention_with_a_one_field_spanish_topic()
    {
        foreach (var figure in Figures)
        {
            var parsed = FigureFileName.TryParse(figure.FileName);
            Assert.True(parsed.IsValid, $"{figure.FileName}: {parsed.Reason}");
            Assert.Equal(("clientes", DataPhase.Raw, new DateOnly(2025, 9, 30)), (parsed.Value!.Dataset, parsed.Value.Phase, parsed.Value.Date));
            Assert.Equal($"reports/figures/{figure.FileName}", figure.RelativePath);
        }

        Assert.Equal(Figures.Count, Figures.Select(f => f.FileName).Distinct().Count());
        Assert.Contains(Figures, f => f.FileName == "faltantes_clientes_raw_20250930.png");
        Assert.Contains(Figures, f => f.FileName == "correlacion_clientes_raw_20250930.png");
        Assert.Contains(Figures, f => f.FileName == "distribucion-cargo-total_clientes_raw_20250930.png");
        Assert.Contains(Figures, f => f.FileName == "categorias-tipo-contrato_clientes_raw_20250930.png");
        Assert.Contains(Figures, f => f.FileName == "objetivo-vs-tipo-contrato_clientes_raw_20250930.png");
    }

    [Fact]
    public void Each_column_but_the_identifier_gets_a_figure_and_the_target_four_related_ones()
    {
        Assert.Equal(4, Figures.Count(f => f.Kind == FigureKind.TargetVersus));
        Assert.Single(Figures, f => f.Kind == FigureKind.Missing);
        Assert.Single(Figures, f => f.Kind == FigureKind.Correlation);
        var drawn = Figures.Where(f => f.Kind is FigureKind.Distribution or FigureKind.Categories).Select(f => f.Column).ToHashSet();
        var columns = EdaInputs.Clientes.Profile.Columns.Select(c => c.Name).Where(c => c != "id_cliente").ToHashSet();
        Assert.Equal(columns, drawn!);
    }

    [Fact]
    public void Figures_are_real_pngs_of_their_stated_size()
    {
        foreach (var figure in Figures)
        {
            using var bitmap = SKBitmap.Decode(figure.Png);
            Assert.NotNull(bitmap);
            Assert.Equal((figure.Width, figure.Height), (bitmap.Width, bitmap.Height));
            Assert.InRange(figure.Width, 600, 1400);
        }
    }

    [Fact]
    public void The_same_profile_draws_the_same_bytes()
    {
        var again = FigureRenderer.Render(EdaInputs.Clientes, Naming, Options);

        Assert.Equal(Figures.Select(f => f.Png), again.Select(f => f.Png));
    }
}
