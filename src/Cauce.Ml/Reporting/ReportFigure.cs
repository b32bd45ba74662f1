using System.Text.Json.Serialization;

namespace Cauce.Ml.Reporting;

/// <summary>One PNG figure of a report: its conventional file name, what it shows, and its bytes.</summary>
public sealed record ReportFigure(string FileName, string Title, string Caption)
{
    [JsonIgnore]
    public byte[] Png { get; init; } = [];

    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary>Where it lies relative to the project root.</summary>
    public string RelativePath => $"{Cauce.Core.Workspace.ProjectLayout.Figures}/{FileName}";
}
