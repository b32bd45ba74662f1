using Cauce.Core.IO;
using Cauce.Core.Workspace;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Eda.Figures;
using Cauce.Ml.Eda.Profiling;
using Cauce.Ml.Eda.Reports;

namespace Cauce.Ml.Eda;

/// <summary>What to explore and where the results go.</summary>
/// <param name="InputPath">The CSV file.</param>
/// <param name="DisplayPath">The file as messages and the report name it.</param>
/// <param name="ProjectRoot">The project whose <c>reports/</c> receives the outputs.</param>
/// <param name="Naming">Dataset, phase and date of the output names.</param>
/// <param name="Options">Target, samples, seed.</param>
public sealed record EdaRequest(string InputPath, string DisplayPath, string ProjectRoot, EdaNaming Naming, EdaOptions Options);

/// <summary>The report written, and every file written, relative to the project root.</summary>
public sealed record EdaResult(EdaReport Report, IReadOnlyList<string> Reports, IReadOnlyList<string> Figures);

/// <summary>
/// <c>cauce eda</c>: profiles a CSV file, draws its figures and writes the report as Markdown, HTML and JSON under
/// <c>reports/</c> with the figures in <c>reports/figures/</c>. Nothing is written unless everything succeeded:
/// every output is staged beside its target and renamed into place at the end.
/// </summary>
public static class ExploratoryAnalysis
{
    public static IReadOnlyList<IReportWriter> Writers { get; } = [new MarkdownReportWriter(), new HtmlReportWriter(), new JsonReportWriter()];

    /// <summary>Runs the analysis; <paramref name="progress"/> receives the share done, 0 to 1.</summary>
    /// <exception cref="Cauce.Core.Errors.DataFileException">The file cannot be read as CSV, has no data rows, or the target is wrong.</exception>
    public static EdaResult Run(EdaRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var input = CsvInput.Open(request.InputPath, request.DisplayPath);
        var profiled = Profiler.Run(input, request.Options, Scaled(progress, 0.9), cancellationToken);
        var figures = FigureRenderer.Render(profiled, request.Naming, request.Options, cancellationToken);
        var report = new EdaReport(profiled.Profile, request.Naming, figures);

        var pending = new List<PendingFile>();
        try
        {
            var figurePaths = new List<string>();
            foreach (var figure in figures)
            {
                var file = AtomicFile.Begin(Path.Combine(request.ProjectRoot, figure.RelativePath));
                pending.Add(file);
                file.Stream.Write(figure.Png);
                figurePaths.Add(figure.RelativePath);
            }

            var reportPaths = new List<string>();
            foreach (var writer in Writers)
            {
                var relative = $"{ProjectLayout.Reports}/{request.Naming.ReportStem}{writer.Extension}";
                var file = AtomicFile.Begin(Path.Combine(request.ProjectRoot, relative));
                pending.Add(file);
                writer.Write(report, file.Stream);
                reportPaths.Add(relative);
            }

            cancellationToken.ThrowIfCancellationRequested();
            foreach (var file in pending)
                file.Commit();
            progress?.Report(1);
            return new EdaResult(report, reportPaths, figurePaths);
        }
        finally
        {
            foreach (var file in pending)
                file.Dispose();
        }
    }

    private static ScaledProgress? Scaled(IProgress<double>? progress, double share) =>
        progress is null ? null : new ScaledProgress(progress, share);

    /// <summary>Reports on the caller's thread, in order.</summary>
    private sealed class ScaledProgress(IProgress<double> inner, double share) : IProgress<double>
    {
        public void Report(double value) => inner.Report(value * share);
    }
}
