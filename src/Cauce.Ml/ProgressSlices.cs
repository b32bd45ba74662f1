namespace Cauce.Ml;

/// <summary>Maps the progress of one step of a longer job onto its share of the whole.</summary>
public static class ProgressSlices
{
    /// <summary>
    /// A reporter for a step that takes the share from <paramref name="from"/> to <paramref name="to"/> of
    /// <paramref name="whole"/>. Reports synchronously, unlike <see cref="Progress{T}"/>, so they stay in order
    /// and never arrive after the work is done.
    /// </summary>
    public static IProgress<double>? Slice(this IProgress<double>? whole, double from, double to) =>
        whole is null ? null : new Reporter(p => whole.Report(from + ((to - from) * p)));

    private sealed class Reporter(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
