using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Cauce.Cli.Rendering;
using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Core.IO;
using Cauce.Core.Workspace;
using Cauce.Ml.Data.Samples;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary><c>cauce sample clientes|ventas --rows N --seed S -o FILE</c>: deterministic synthetic data with real dirt.</summary>
internal static class SampleCommand
{
    public const long DefaultRows = 10_000;
    public const ulong DefaultSeed = 42;

    public static Command Create(CliContext context)
    {
        var kind = new Argument<string>("dataset") { Description = "Which dataset: " + string.Join(" or ", SampleData.Kinds) };
        kind.AcceptOnlyFromAmong([.. SampleData.Kinds]);
        var rows = new Option<long>("--rows", "-n") { Description = "How many data rows", DefaultValueFactory = _ => DefaultRows }.AtLeast(0);
        var seed = new Option<ulong>("--seed") { Description = "Random seed: the same seed gives the same bytes", DefaultValueFactory = _ => DefaultSeed };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The CSV file to write (default: data/raw/<dataset>_raw_<date>.csv in the current project)",
        };
        var date = new Option<string?>("--date") { Description = "The snapshot date for the default file name, YYYYMMDD (default: today)" };
        var force = new Option<bool>("--force") { Description = "Overwrite the output file if it exists" };
        var command = new Command("sample", "Write realistic synthetic data (mixed types, a learnable target, and the dirt real data has)")
        {
            kind, rows, seed, output, date, force,
        };
        command.SetAction((parsed, ct) => RunAsync(
            context,
            new SampleRequest(parsed.GetValue(kind)!, parsed.GetValue(rows), parsed.GetValue(seed), parsed.GetValue(output), parsed.GetValue(date), parsed.GetValue(force)),
            ct));
        return command;
    }

    public sealed record SampleRequest(string Kind, long Rows, ulong Seed, string? Output, string? Date, bool Force);

    public static async Task<int> RunAsync(CliContext context, SampleRequest request, CancellationToken cancellationToken)
    {
        var path = OutputPath(context, request);
        if (File.Exists(path) && !request.Force)
            throw new CauceException($"'{Display(context, path)}' already exists", "pass --force to overwrite it, or choose another file with -o");
        if (Directory.Exists(path))
            throw CauceException.Usage($"'{Display(context, path)}' is a folder", "give a file name with -o");

        var clock = Stopwatch.StartNew();
        long written;
        try
        {
            written = await Feedback.WithProgressAsync(context, $"sampling {request.Kind}", request.Rows, "rows", async progress =>
            {
                long count = 0;
                await AtomicFile.WriteAsync(path, async (stream, ct) => count = await SampleData.WriteAsync(request.Kind, request.Rows, request.Seed, stream, progress, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                return count;
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CauceException($"cannot write '{Display(context, path)}': {e.Message}", "check that the folder can be created and written to", inner: e);
        }

        context.Out.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[green]wrote[/] {Markup.Escape(Display(context, path))}: {written:N0} rows of {request.Kind} (seed {request.Seed}) in {clock.Elapsed.TotalSeconds:F1} s"));
        return (int)ExitCode.Ok;
    }

    private static string OutputPath(CliContext context, SampleRequest request)
    {
        if (request.Output is not null)
            return context.FullPath(request.Output);
        if (request.Date is not null && !NameParts.TryParseDate(request.Date, out _))
            throw CauceException.Usage($"--date '{request.Date}' is not a date written YYYYMMDD", "for example --date 20250930");
        var date = request.Date is null ? context.Today : DateOnly.ParseExact(request.Date, NameParts.DateFormat, CultureInfo.InvariantCulture);
        var root = ProjectRoot.TryFind(context.WorkingDirectory)
            ?? throw new NotAProjectException(context.WorkingDirectory);
        return Path.Combine(root, new DatasetFileName(request.Kind, DataPhase.Raw, date).RelativePath);
    }

    private static string Display(CliContext context, string path) => ProjectRoot.Relative(context.WorkingDirectory, path);
}
