using Cauce.Core.Conventions;

namespace Cauce.Ml.Eda.Figures;

/// <summary>
/// The topic field of each figure, in Spanish as in the course template: <c>faltantes</c>, <c>correlacion</c>,
/// <c>distribucion-&lt;columna&gt;</c>, <c>categorias-&lt;columna&gt;</c>, <c>objetivo-vs-&lt;columna&gt;</c>. A column name
/// becomes words joined by '-' (<c>cargo_total</c> → <c>cargo-total</c>); two columns that would collide, or a name
/// with nothing usable, get their column number.
/// </summary>
internal sealed class FigureTopics
{
    public const string Missing = "faltantes";
    public const string Correlation = "correlacion";
    public const string Distribution = "distribucion";
    public const string Categories = "categorias";
    public const string TargetVersus = "objetivo-vs";

    private readonly Dictionary<string, string> _words = new(StringComparer.Ordinal);

    public FigureTopics(IReadOnlyList<string> columns)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            var word = EdaNaming.ToField(columns[i]) ?? $"columna-{i + 1}";
            if (!taken.Add(word))
            {
                word = $"{word}-{i + 1}";
                taken.Add(word);
            }

            _words[columns[i]] = word;
        }
    }

    public string For(string prefix, string column) => $"{prefix}-{_words[column]}";

    /// <summary>The figure's file name, checked against the convention (a failure here is a bug, not bad input).</summary>
    public static string FileName(EdaNaming naming, string topic)
    {
        var name = naming.Figure(topic).FileName;
        var check = FigureFileName.TryParse(name);
        if (!check.IsValid)
            throw new InvalidOperationException($"EDA made an invalid figure name '{name}': {check.Reason}");
        return name;
    }
}
