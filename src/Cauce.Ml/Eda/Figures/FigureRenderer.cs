using Cauce.Ml.Data.Schema;
using Cauce.Ml.Eda.Profiling;

namespace Cauce.Ml.Eda.Figures;

/// <summary>
/// Draws every EDA figure of a profile as PNG: missing values per column, the correlation heatmap, the target
/// against its most related features, and one figure per column (its distribution, or its counts per label).
/// </summary>
public static class FigureRenderer
{
    public static IReadOnlyList<EdaFigure> Render(ProfileResult result, EdaNaming naming, EdaOptions options, CancellationToken cancellationToken = default)
    {
        var profile = result.Profile;
        var topics = new FigureTopics([.. profile.Columns.Select(c => c.Name)]);
        var figures = new List<EdaFigure> { OverviewFigures.Missing(profile, naming) };
        if (profile.Correlations.Columns.Count >= 2)
            figures.Add(OverviewFigures.Correlation(profile, naming));
        if (profile.Target is { } target)
        {
            foreach (var relation in target.Related.Take(options.RelatedFeatures))
            {
                cancellationToken.ThrowIfCancellationRequested();
                figures.Add(TargetFigures.Versus(result, relation, naming, topics.For(FigureTopics.TargetVersus, relation.Feature)));
            }
        }

        foreach (var column in profile.Columns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (column.Present == 0 || column.IdentifierLike)
                continue;
            if (column.Numeric is not null || column.Dates is not null)
                figures.Add(ColumnFigures.Distribution(result, column, naming, topics.For(FigureTopics.Distribution, column.Name)));
            else if (column.Type is ColumnType.Category or ColumnType.Boolean)
                figures.Add(ColumnFigures.Categories(column, naming, topics.For(FigureTopics.Categories, column.Name)));
        }

        return figures;
    }
}
