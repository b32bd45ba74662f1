using System.CommandLine;
using Cauce.Cli.Rendering;
using Cauce.Core.Errors;
using Cauce.Ml.Eda;
using Cauce.Ml.Eda.Reports;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary>
/// <c>cauce eda FILE [--target COL]</c>: a profile per column, the data-quality findings, correlations and the
/// target; figures in <c>reports/figures/</c> and the report in <c>reports/</c> as Markdown, HTML and JSON.
/// </summary>
internal static class EdaCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The CSV file to explore" };
        var target = new Option<string?>("--target", "-t") { Description = "The column to predict: its class balance or distribution, and the features most related to it" };
        var name = new Option<string?>("--name") { Description = "The dataset name in the output names (default: the file's dataset name when it follows the convention, else its name made valid)" };
        var date = new Option<string?>("--date") { Description = "The date in the output names, YYYYMMDD (default: the file name's date, else today)" };
        var json = new Option<bool>("--json") { Description = "Print the profile as JSON on stdout (the summary goes to stderr)" };
        var command = new Command("eda", "Explore a CSV file: profile every column, list the dirt, correlations and the target; write figures and a Markdown, HTML and JSON report under reports/")
        {
            file, target, name, date, json,
        };
        command.SetAction((parsed, ct) => RunAsync(
            context,
            new EdaArguments(parsed.GetValue(file)!, parsed.GetValue(target), parsed.GetValue(name), parsed.GetValue(date), parsed.GetValue(json)),
            ct));
        return command;
    }

    public sealed record EdaArguments(string File, string? Target, string? Name, string? Date, bool Json);

    public static async Task<int> RunAsync(CliContext context, EdaArguments arguments, CancellationToken cancellationToken)
    {
        var project = ProjectData.Find(context);
        var input = context.FullPath(arguments.File);
        var naming = EdaNaming.For(input, arguments.Name, arguments.Date, context.Today);
        var request = new EdaRequest(input, project.Display(input), project.Root, naming, new EdaOptions { Target = arguments.Target });
        var result = await Feedback.WithFractionAsync(context, $"exploring {request.DisplayPath}",
            progress => Task.Run(() => ExploratoryAnalysis.Run(request, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);

        if (arguments.Json)
            context.StdOut.Write(JsonReportWriter.Serialize(result.Report));
        var console = arguments.Json ? context.Err : context.Out;
        var profile = result.Report.Profile;
        console.MarkupLine($"[green]explored[/] {Markup.Escape(request.DisplayPath)}: {ReportText.Count(profile.Rows)} rows, {profile.Columns.Count} columns, " +
            $"{ReportText.Plural(profile.Findings.Count, "data-quality finding", "data-quality findings")}");
        foreach (var finding in profile.Findings)
            console.MarkupLine($"  [yellow]-[/] {Markup.Escape(finding.Message.Replace("`", "", StringComparison.Ordinal))}");
        console.MarkupLine($"  report: {Markup.Escape(string.Join(", ", result.Reports.Select(r => project.Display(project.InProject(r)))))}");
        var figures = project.Display(project.InProject(Cauce.Core.Workspace.ProjectLayout.Figures));
        console.MarkupLine($"  figures: {result.Figures.Count} in {Markup.Escape(figures)}/");
        return (int)ExitCode.Ok;
    }
}
