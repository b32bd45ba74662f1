using Cauce.Core.Conventions;
using Cauce.Ml.Eda.Figures;
using Cauce.Ml.Eda.Profiling;

namespace Cauce.Ml.Eda.Reports;

/// <summary>Everything an EDA report says: the profile, how the outputs are named, and the figures.</summary>
public sealed record EdaReport(DatasetProfile Profile, EdaNaming Naming, IReadOnlyList<EdaFigure> Figures)
{
    /// <summary>"clientes (raw, 2025-09-30)".</summary>
    public string Subject =>
        $"{Naming.Dataset} ({(Naming.Phase is { } phase ? phase.Name() + ", " : "")}{Naming.Date:yyyy-MM-dd})";

    /// <summary>The report composed as a document, for the Markdown and HTML writers.</summary>
    public Reporting.ReportDocument Document() => new($"EDA: {Subject}", ReportComposer.Compose(this));

    public EdaFigure? Figure(FigureKind kind, string? column = null) =>
        Figures.FirstOrDefault(f => f.Kind == kind && f.Column == column);
}

/// <summary>One way of writing an <see cref="EdaReport"/> to a file: Markdown, HTML or JSON.</summary>
public interface IReportWriter
{
    /// <summary>The file extension, with the dot.</summary>
    string Extension { get; }

    void Write(EdaReport report, Stream output);
}
