using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Cauce.Cli.Rendering;

/// <summary>
/// Progress for long work: a live bar on a terminal, and on a log (CI, a pipe) plain lines at most every
/// few seconds, so logs stay short and readable. Both go to stderr, away from results.
/// </summary>
internal static class Feedback
{
    private static readonly TimeSpan PlainLineInterval = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="work"/>, which reports how many of <paramref name="total"/> <paramref name="unit"/> are done.</summary>
    public static Task<T> WithProgressAsync<T>(CliContext context, string description, long total, string unit, Func<IProgress<long>, Task<T>> work) =>
        RunAsync(context, description, report => work(new Reporter<long>(done => report(
            (double)done / Math.Max(total, 1),
            string.Create(CultureInfo.InvariantCulture, $"{done:N0}/{total:N0} {unit}")))));

    /// <summary>Runs <paramref name="work"/>, which reports the share done, from 0 to 1.</summary>
    public static Task<T> WithFractionAsync<T>(CliContext context, string description, Func<IProgress<double>, Task<T>> work) =>
        RunAsync(context, description, report => work(new Reporter<double>(share => report(share, null))));

    private static async Task<T> RunAsync<T>(CliContext context, string description, Func<Action<double, string?>, Task<T>> work)
    {
        if (context.Interactive)
        {
            return await context.Err.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progressContext =>
                {
                    var task = progressContext.AddTask(Markup.Escape(description), maxValue: 1);
                    var result = await work((share, _) => task.Value = Math.Clamp(share, 0, 1)).ConfigureAwait(false);
                    task.Value = 1;
                    return result;
                }).ConfigureAwait(false);
        }

        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var gate = new object();
        return await work((share, detail) =>
        {
            lock (gate)
            {
                if (clock.Elapsed - last < PlainLineInterval || share >= 1)
                    return;
                last = clock.Elapsed;
                var counts = detail is null ? "" : detail + " ";
                context.StdErr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{description}: {counts}({100 * share:F0}%)"));
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Reports on the caller's thread: no thread-pool hop per report, so plain lines come out in order.</summary>
    private sealed class Reporter<TValue>(Action<TValue> report) : IProgress<TValue>
    {
        public void Report(TValue value) => report(value);
    }
}
