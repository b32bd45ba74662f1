using Cauce.Ml.Reporting;

namespace Cauce.Ml.Eda.Reports;

/// <summary>The EDA report as one self-contained HTML file (<see cref="HtmlWriter"/>).</summary>
public sealed class HtmlReportWriter : IReportWriter
{
    public string Extension => ".html";

    public void Write(EdaReport report, Stream output) => HtmlWriter.Write(report.Document(), output);
}
