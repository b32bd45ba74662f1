namespace Cauce.Ml.Modeling.Linear;

/// <summary>
/// Limited-memory BFGS, and its orthant-wise form (OWL-QN, Andrew and Gao 2007) when an L1 penalty is on: minimises
/// a smooth convex function plus <c>l1 · Σ|x_j|</c> over the first <c>l1Size</c> coordinates. A backtracking line
/// search (Armijo's condition) picks each step; the run stops after <c>maxIterations</c>, when the objective's
/// relative improvement averaged over the last five iterations falls below <c>tolerance</c>, or when no step
/// lowers it any more (the optimum, to the precision of doubles). Sequential and without randomness: the same function gives the same point.
/// </summary>
internal static class Lbfgs
{
    /// <summary>Pairs of steps and gradient changes kept (scipy's maxcor, which scikit-learn's lbfgs uses).</summary>
    private const int Memory = 10;

    private const int Window = 5;
    private const double Armijo = 1e-4;
    private const int MaxBacktracks = 60;

    /// <summary>The function's value at a point, its gradient written into the second argument.</summary>
    public delegate double Smooth(double[] point, double[] gradient);

    /// <summary>The minimiser found, and the iterations it took.</summary>
    public static (double[] Point, int Iterations) Minimize(Smooth smooth, int size, int l1Size, double l1, int maxIterations, double tolerance, Action<int>? progress, CancellationToken cancellationToken)
    {
        var x = new double[size];
        var next = new double[size];
        var gradient = new double[size];
        var nextGradient = new double[size];
        var pseudo = new double[size];
        var direction = new double[size];
        var s = new List<double[]>();
        var y = new List<double[]>();
        var rho = new List<double>();
        var alpha = new double[Memory];
        var improvements = new Queue<double>();

        var value = smooth(x, gradient) + Penalty(x, l1Size, l1);
        PseudoGradient(x, gradient, l1Size, l1, pseudo);
        var iterations = 0;
        while (iterations < maxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MaxAbs(pseudo) == 0)
                break;

            // The two-loop recursion: direction = −H·pseudo, H the inverse Hessian the pairs estimate.
            for (var j = 0; j < size; j++)
                direction[j] = -pseudo[j];
            for (var m = s.Count - 1; m >= 0; m--)
            {
                alpha[m] = rho[m] * Dot(s[m], direction);
                Axpy(-alpha[m], y[m], direction);
            }

            if (s.Count > 0)
            {
                var last = s.Count - 1;
                Scale(Dot(s[last], y[last]) / Dot(y[last], y[last]), direction);
            }

            for (var m = 0; m < s.Count; m++)
                Axpy(alpha[m] - (rho[m] * Dot(y[m], direction)), s[m], direction);

            if (l1 > 0)
            {
                // OWL-QN: the direction may not leave the orthant the pseudo-gradient points away from.
                for (var j = 0; j < l1Size; j++)
                {
                    if (direction[j] * pseudo[j] >= 0)
                        direction[j] = 0;
                }
            }

            var slope = Dot(direction, pseudo);
            if (slope >= 0)
            {
                // Not a descent direction (the estimate went stale): start again from steepest descent.
                s.Clear();
                y.Clear();
                rho.Clear();
                for (var j = 0; j < size; j++)
                    direction[j] = -pseudo[j];
            }

            var step = s.Count == 0 ? Math.Min(1, 1 / Math.Sqrt(Dot(pseudo, pseudo))) : 1;
            double nextValue = 0;
            var accepted = false;
            for (var backtrack = 0; backtrack < MaxBacktracks && !accepted; backtrack++, step /= 2)
            {
                var decrease = 0.0;
                for (var j = 0; j < size; j++)
                {
                    var v = x[j] + (step * direction[j]);
                    // OWL-QN: a coordinate that would cross zero stops at zero.
                    if (j < l1Size && l1 > 0 && v != 0 && Math.Sign(v) != Orthant(x[j], pseudo[j]))
                        v = 0;
                    next[j] = v;
                    decrease += pseudo[j] * (v - x[j]);
                }

                nextValue = smooth(next, nextGradient) + Penalty(next, l1Size, l1);
                accepted = nextValue <= value + (Armijo * decrease);
            }

            if (!accepted || nextValue >= value)
            {
                // No step along the estimated direction helps: once, start again from steepest descent; if that
                // fails too, no step lowers the objective any more — the optimum, to the precision of doubles.
                if (s.Count == 0)
                    break;
                s.Clear();
                y.Clear();
                rho.Clear();
                continue;
            }

            iterations++;

            var sk = new double[size];
            var yk = new double[size];
            for (var j = 0; j < size; j++)
            {
                sk[j] = next[j] - x[j];
                yk[j] = nextGradient[j] - gradient[j];
            }

            var sy = Dot(sk, yk);
            if (sy > 0)
            {
                if (s.Count == Memory)
                {
                    s.RemoveAt(0);
                    y.RemoveAt(0);
                    rho.RemoveAt(0);
                }

                s.Add(sk);
                y.Add(yk);
                rho.Add(1 / sy);
            }

            improvements.Enqueue((value - nextValue) / Math.Max(Math.Abs(nextValue), double.Epsilon));
            if (improvements.Count > Window)
                improvements.Dequeue();
            (x, next) = (next, x);
            (gradient, nextGradient) = (nextGradient, gradient);
            value = nextValue;
            PseudoGradient(x, gradient, l1Size, l1, pseudo);
            progress?.Invoke(iterations);
            if (improvements.Average() < tolerance)
                break;
        }

        return (x, iterations);
    }

    private static double Penalty(double[] x, int l1Size, double l1)
    {
        if (l1 == 0)
            return 0;
        var sum = 0.0;
        for (var j = 0; j < l1Size; j++)
            sum += Math.Abs(x[j]);
        return l1 * sum;
    }

    /// <summary>The smooth gradient, or with an L1 penalty its pseudo-gradient: the one-sided derivative that descends, or 0.</summary>
    private static void PseudoGradient(double[] x, double[] gradient, int l1Size, double l1, double[] pseudo)
    {
        Array.Copy(gradient, pseudo, gradient.Length);
        if (l1 == 0)
            return;
        for (var j = 0; j < l1Size; j++)
        {
            pseudo[j] = x[j] switch
            {
                > 0 => gradient[j] + l1,
                < 0 => gradient[j] - l1,
                _ when gradient[j] + l1 < 0 => gradient[j] + l1,
                _ when gradient[j] - l1 > 0 => gradient[j] - l1,
                _ => 0,
            };
        }
    }

    /// <summary>The orthant a coordinate stays in during a step: its sign, or, at zero, the side the pseudo-gradient descends to.</summary>
    private static int Orthant(double x, double pseudo) => x != 0 ? Math.Sign(x) : -Math.Sign(pseudo);

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
            sum += a[j] * b[j];
        return sum;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (var j = 0; j < x.Length; j++)
            y[j] += a * x[j];
    }

    private static void Scale(double a, double[] x)
    {
        for (var j = 0; j < x.Length; j++)
            x[j] *= a;
    }

    private static double MaxAbs(double[] x)
    {
        var max = 0.0;
        foreach (var v in x)
            max = Math.Max(max, Math.Abs(v));
        return max;
    }
}
