using System.CommandLine;
using Cauce.Core.Errors;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary>
/// <c>cauce demo [DIR]</c>: the worked example, end to end, offline — a new project with both example datasets.
/// Each later capability (prepare, train, predict…) joins this chain, so it stays the one command that shows
/// everything working.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The example's snapshot date: fixed, so the demo writes the same bytes on every machine and day.</summary>
    public const string SnapshotDate = "20250930";

    public static Command Create(CliContext context)
    {
        var directory = new Argument<string?>("dir")
        {
            Description = "Where to make the example project (default: a new folder under the system's temp folder)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var rows = new Option<long>("--rows", "-n") { Description = "Rows per sample dataset", DefaultValueFactory = _ => 20_000 }.AtLeast(1);
        var command = new Command("demo", "Run the worked example in a new project: init, sample clientes and ventas, check")
        {
            directory,
            rows,
        };
        command.SetAction((parsed, ct) => RunAsync(context, parsed.GetValue(directory), parsed.GetValue(rows), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string? directory, long rows, CancellationToken cancellationToken)
    {
        var root = directory is null
            ? Path.Combine(Path.GetTempPath(), "cauce-demo-" + Guid.NewGuid().ToString("N")[..8])
            : context.FullPath(directory);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            throw new CauceException($"'{root}' is not empty", "give a new or empty folder for the example project");

        Step(context, "init");
        InitCommand.Run(context, root, force: false);
        var project = new CliContext(context.StdOut, context.StdErr, root, context.Clock, context.Interactive) { Verbose = context.Verbose };
        foreach (var kind in new[] { "clientes", "ventas" })
        {
            Step(context, $"sample {kind}");
            await SampleCommand.RunAsync(project, new SampleCommand.SampleRequest(kind, rows, SampleCommand.DefaultSeed, null, SnapshotDate, Force: false), cancellationToken).ConfigureAwait(false);
        }

        Step(context, "check");
        var status = CheckCommand.Run(project, null, json: false);
        context.Out.WriteLine();
        context.Out.MarkupLine($"[bold]example project:[/] {Markup.Escape(root)}");
        context.Out.MarkupLine($"  raw data: {Markup.Escape(Path.Combine(root, "data", "raw"))}");
        return status;
    }

    private static void Step(CliContext context, string name) => context.Out.MarkupLine($"[blue]==>[/] cauce {Markup.Escape(name)}");
}
