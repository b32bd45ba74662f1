using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Cauce.Ml.Modeling.XgBoost;

/// <summary>
/// The slice of XGBoost's C API (<c>xgboost/c_api.h</c>, 1.7) that <see cref="XgbBooster"/> uses, bound with
/// source-generated marshalling. Every function that returns <c>int</c> returns 0 on success and -1 on failure,
/// with the reason in <see cref="LastError"/>; <see cref="Check"/> turns that into an <see cref="XgbException"/>.
/// </summary>
internal static unsafe partial class XgbNative
{
    /// <summary>The name the imports use; <see cref="Resolve"/> maps it to the real file.</summary>
    internal const string Library = "xgboost";

    /// <summary>The file Debian and Ubuntu install (<c>libxgboost0</c>), the one this binding is built against.</summary>
    internal const string DebianFile = "libxgboost.so.0";

    // Debian ships only the versioned file (libxgboost.so.0); the unversioned name comes with a -dev package or a pip
    // wheel, and the bare name lets the runtime probe xgboost.dll / libxgboost.dylib on other systems.
    private static readonly string[] Candidates = [DebianFile, "libxgboost.so", Library];

    static XgbNative()
    {
        var assembly = typeof(XgbNative).Assembly;
        try
        {
            NativeLibrary.SetDllImportResolver(assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // An assembly gets one resolver. If another binding in Cauce.Ml took it, fall back to the load context's
            // event, which the runtime raises when that resolver and the default probing both come back empty.
            var context = AssemblyLoadContext.GetLoadContext(assembly) ?? AssemblyLoadContext.Default;
            context.ResolvingUnmanagedDll += (requester, name) => requester == assembly ? Resolve(name, requester, null) : 0;
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
            return 0;

        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
                return handle;
        }

        return 0;
    }

    /// <summary>The library's version ("1.7.4"), or null when it cannot be loaded.</summary>
    internal static string? TryGetVersion()
    {
        try
        {
            XGBoostVersion(out var major, out var minor, out var patch);
            return $"{major}.{minor}.{patch}";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>Throws an <see cref="XgbException"/> with XGBoost's own message when <paramref name="result"/> is not 0.</summary>
    /// <param name="result">What the C function returned.</param>
    /// <param name="operation">What was being done, as a phrase after "could not" ("train round 3").</param>
    /// <param name="hint">How to fix it, when the operation makes the usual cause clear.</param>
    internal static void Check(int result, string operation, string? hint = null)
    {
        if (result != 0)
            throw new XgbException(operation, LastError(), hint);
    }

    /// <summary>
    /// The message of the last failure on this thread. XGBoost keeps it per thread, and every call here is made
    /// and checked on one thread, so the message belongs to the call that just failed.
    /// </summary>
    internal static string LastError() => Marshal.PtrToStringUTF8(XGBGetLastError()) ?? "(no message)";

    /// <summary>
    /// Routes what XGBoost logs on the calling thread to <see cref="XgbLogCapture"/>. XGBoost keeps its log callback
    /// per thread, so this is called on the thread that is about to do the work.
    /// </summary>
    internal static void RouteLogOfThisThread() =>
        Check(XGBRegisterLogCallback(&OnLog), "register its log callback");

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(byte* message)
    {
        // An exception must never unwind into native code: it would take the process down.
        try
        {
            XgbLogCapture.Write(Marshal.PtrToStringUTF8((nint)message) ?? string.Empty);
        }
        catch (Exception)
        {
            // Losing a log line is better than crashing inside XGBoost.
        }
    }

    [LibraryImport(Library)]
    internal static partial void XGBoostVersion(out int major, out int minor, out int patch);

    [LibraryImport(Library)]
    internal static partial nint XGBGetLastError();

    [LibraryImport(Library)]
    internal static partial int XGBRegisterLogCallback(delegate* unmanaged[Cdecl]<byte*, void> callback);

    [LibraryImport(Library)]
    internal static partial int XGDMatrixCreateFromMat(float* data, ulong rows, ulong columns, float missing, out XgbMatrixHandle matrix);

    [LibraryImport(Library)]
    internal static partial int XGProxyDMatrixCreate(out XgbMatrixHandle proxy);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGProxyDMatrixSetDataDense(nint proxy, string arrayInterface);

    /// <summary>XGBoost ≥ 1.7: a matrix already cut into histogram bins, built from the batches <paramref name="next"/> puts on the proxy.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGQuantileDMatrixCreateFromCallback(
        nint iterator, XgbMatrixHandle proxy, nint reference, delegate* unmanaged[Cdecl]<nint, void> reset, delegate* unmanaged[Cdecl]<nint, int> next, string config, out XgbMatrixHandle matrix);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGDMatrixSetFloatInfo(XgbMatrixHandle matrix, string field, float* values, ulong length);

    [LibraryImport(Library)]
    internal static partial int XGDMatrixFree(nint matrix);

    [LibraryImport(Library)]
    internal static partial int XGBoosterCreate(nint* matrices, ulong length, out XgbBoosterHandle booster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterSetParam(XgbBoosterHandle booster, string name, string value);

    [LibraryImport(Library)]
    internal static partial int XGBoosterUpdateOneIter(XgbBoosterHandle booster, int iteration, XgbMatrixHandle train);

    /// <remarks>
    /// <paramref name="result"/> points into a buffer the booster owns (per thread) until its next call: copy it at once.
    /// </remarks>
    [LibraryImport(Library)]
    internal static partial int XGBoosterPredict(
        XgbBoosterHandle booster, XgbMatrixHandle matrix, int optionMask, uint treeLimit, int training, out ulong length, out float* result);

    [LibraryImport(Library)]
    internal static partial int XGBoosterGetNumFeature(XgbBoosterHandle booster, out ulong count);

    /// <remarks><paramref name="data"/> is owned by the booster like <see cref="XGBoosterPredict"/>'s result.</remarks>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterSaveModelToBuffer(XgbBoosterHandle booster, string config, out ulong length, out byte* data);

    [LibraryImport(Library)]
    internal static partial int XGBoosterLoadModelFromBuffer(XgbBoosterHandle booster, byte* data, ulong length);

    [LibraryImport(Library)]
    internal static partial int XGBoosterFree(nint booster);
}

/// <summary>An XGBoost <c>DMatrixHandle</c>; freed once, even when the owner forgets to dispose it.</summary>
internal sealed class XgbMatrixHandle : SafeHandle
{
    public XgbMatrixHandle()
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => XgbNative.XGDMatrixFree(handle) == 0;
}

/// <summary>An XGBoost <c>BoosterHandle</c>; freed once, even when the owner forgets to dispose it.</summary>
internal sealed class XgbBoosterHandle : SafeHandle
{
    public XgbBoosterHandle()
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => XgbNative.XGBoosterFree(handle) == 0;
}
