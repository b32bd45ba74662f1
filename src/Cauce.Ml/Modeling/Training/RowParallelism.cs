namespace Cauce.Ml.Modeling.Training;

/// <summary>
/// When work over the rows goes to the thread pool: from <see cref="MinRows"/> rows. Below, starting the pool's
/// workers costs more than the work, and a file of a few thousand rows is done sooner on the calling thread.
/// </summary>
internal static class RowParallelism
{
    public const int MinRows = 1 << 16;

    /// <summary>Runs <paramref name="body"/> for 0…<paramref name="count"/>-1: on the pool when <paramref name="parallel"/>, else in order.</summary>
    public static void For(int count, bool parallel, Action<int> body)
    {
        if (parallel)
        {
            Parallel.For(0, count, body);
            return;
        }

        for (var i = 0; i < count; i++)
            body(i);
    }
}
