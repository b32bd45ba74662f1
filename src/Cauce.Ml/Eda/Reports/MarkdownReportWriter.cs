using Cauce.Ml.Reporting;

namespace Cauce.Ml.Eda.Reports;

/// <summary>The EDA report as Markdown (<see cref="MarkdownWriter"/>); figures are linked from <c>figures/</c> beside it.</summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    public string Extension => ".md";

    public void Write(EdaReport report, Stream output) => MarkdownWriter.Write(report.Document(), output);
}
