using System.Globalization;

using Cauce.Core.Workspace;

namespace Cauce.Core.Conventions;

/// <summary>The files that make up one model version.</summary>
public enum ModelArtifact
{
    /// <summary>The model itself (ML.NET's <c>.zip</c>).</summary>
    Model,

    /// <summary>The model card, <c>.json</c>.</summary>
    Card,

    /// <summary>The optional ONNX export.</summary>
    Onnx,
}

/// <summary>
/// A model file name: <c>&lt;algo&gt;_&lt;dataset&gt;_v&lt;N&gt;.zip</c>, algo from the catalog, N = 1, 2, … with no
/// leading zero; the card and ONNX export share the stem (<c>rf_clientes_v1.json</c>, <c>rf_clientes_v1.onnx</c>).
/// </summary>
public sealed record ModelFileName(string Algo, string Dataset, int Version, ModelArtifact Artifact = ModelArtifact.Model)
{
    public string Stem => $"{Algo}_{Dataset}_v{Version.ToString(CultureInfo.InvariantCulture)}";

    public string FileName => Stem + ExtensionOf(Artifact);

    /// <summary>Where the file belongs, relative to the project root.</summary>
    public string RelativePath => $"{ProjectLayout.Models}/{FileName}";

    public override string ToString() => FileName;

    public ModelFileName As(ModelArtifact artifact) => this with { Artifact = artifact };

    public static string ExtensionOf(ModelArtifact artifact) => artifact switch
    {
        ModelArtifact.Model => ".zip",
        ModelArtifact.Card => ".json",
        ModelArtifact.Onnx => ".onnx",
        _ => throw new ArgumentOutOfRangeException(nameof(artifact)),
    };

    public static ModelFileName Parse(string fileName)
    {
        var result = TryParse(fileName);
        return result.Value ?? throw new FormatException($"'{fileName}' is not a valid model file name: {result.Reason}");
    }

    public static NameResult<ModelFileName> TryParse(string fileName)
    {
        var (fields, extension) = NameParts.Split(fileName);
        var problems = new List<string>();
        ModelArtifact? artifact = extension switch
        {
            ".zip" => ModelArtifact.Model,
            ".json" => ModelArtifact.Card,
            ".onnx" => ModelArtifact.Onnx,
            _ => null,
        };
        if (artifact is null)
            problems.Add($"the extension is '{extension}', model files are '.zip' (with '.json' card and '.onnx' export)");
        if (fields.Length != 3)
        {
            problems.Add($"expected 3 fields <algo>_<dataset>_v<N>, found {fields.Length}");
            return NameResult<ModelFileName>.Invalid(problems);
        }

        if (!Algorithms.IsKnown(fields[0]))
            problems.Add($"{NameParts.Field(0, "algo")} '{fields[0]}' is not in the catalog ({Algorithms.List})");
        if (NameParts.FieldProblem(fields[1], NameParts.Field(1, "dataset")) is { } datasetProblem)
            problems.Add(datasetProblem);
        var version = ParseVersion(fields[2], out var versionProblem);
        if (versionProblem is not null)
            problems.Add(versionProblem);

        return NameParts.Check(problems, () => new ModelFileName(fields[0], fields[1], version, artifact!.Value));
    }

    private static int ParseVersion(string field, out string? problem)
    {
        var what = NameParts.Field(2, "version");
        problem = null;
        if (field.Length < 2 || field[0] != 'v' || !field[1..].All(char.IsAsciiDigit))
            problem = $"{what} '{field}' is not 'v' followed by a number (v1, v2, …)";
        else if (field[1..].All(c => c == '0'))
            problem = $"{what} '{field}': versions start at v1";
        else if (field[1] == '0')
            problem = $"{what} '{field}' has a leading zero: write v{field[1..].TrimStart('0')}";
        else if (!int.TryParse(field.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            problem = $"{what} '{field}' is too large";
        else
            return version;
        return 0;
    }
}
