using System.Runtime.InteropServices;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// A loaded OpenBLAS (<c>libopenblas.so.0</c> from Debian's <c>libopenblas0</c>) and the C functions the product
/// calls, held as function pointers so the library name can be chosen at run time and a call costs no allocation.
/// The library stays loaded for the life of the process: its worker threads and buffers outlive any one call.
/// </summary>
internal sealed unsafe class OpenBlasLibrary
{
    private const int CblasColMajor = 102;

    // In the order the constructor takes them.
    private static readonly string[] ExportNames =
    [
        "cblas_sgemm", "cblas_dgemm", "openblas_get_corename", "openblas_get_config",
        "openblas_get_num_threads", "openblas_set_num_threads",
    ];

    // cblas_?gemm(order, transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc). Enums and sizes are C ints:
    // Debian's libopenblas0 uses 32-bit indices (the 64-bit-index build is a different library, libopenblas64).
    private readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> _sgemm;
    private readonly delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> _dgemm;
    private readonly delegate* unmanaged<byte*> _getCoreName;
    private readonly delegate* unmanaged<byte*> _getConfig;
    private readonly delegate* unmanaged<int> _getNumThreads;
    private readonly delegate* unmanaged<int, void> _setNumThreads;

    private OpenBlasLibrary(string fileName, nint[] exports)
    {
        FileName = fileName;
        _sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)exports[0];
        _dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)exports[1];
        _getCoreName = (delegate* unmanaged<byte*>)exports[2];
        _getConfig = (delegate* unmanaged<byte*>)exports[3];
        _getNumThreads = (delegate* unmanaged<int>)exports[4];
        _setNumThreads = (delegate* unmanaged<int, void>)exports[5];
    }

    /// <summary>Names tried in order: the runtime library, then the development symlink.</summary>
    public static IReadOnlyList<string> DefaultFileNames { get; } = ["libopenblas.so.0", "libopenblas.so"];

    /// <summary>The name that loaded, e.g. <c>libopenblas.so.0</c>.</summary>
    public string FileName { get; }

    /// <summary>The kernel OpenBLAS picked when it loaded, e.g. <c>SkylakeX</c>, <c>Haswell</c>, <c>Prescott</c>.</summary>
    public string CoreName => Marshal.PtrToStringUTF8((nint)_getCoreName()) ?? "unknown";

    /// <summary>The version from <c>openblas_get_config()</c> ("OpenBLAS 0.3.21 DYNAMIC_ARCH …"), e.g. <c>0.3.21</c>.</summary>
    public string? Version
    {
        get
        {
            var words = (Marshal.PtrToStringUTF8((nint)_getConfig()) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words.Length > 1 && words[0] == "OpenBLAS" ? words[1] : null;
        }
    }

    public int Threads
    {
        get => _getNumThreads();
        set => _setNumThreads(value);
    }

    /// <summary>
    /// Loads the first of <paramref name="fileNames"/> that loads and has every function used here.
    /// OpenBLAS reads <c>OPENBLAS_CORETYPE</c> and its thread variables while it loads, so set them first.
    /// </summary>
    /// <param name="fileNames">Names for <c>dlopen</c>, tried in order.</param>
    /// <param name="failure">Why none could be used (one line), when this returns null.</param>
    public static OpenBlasLibrary? TryLoad(IReadOnlyList<string> fileNames, out string failure)
    {
        var reasons = new List<string>();
        foreach (var fileName in fileNames)
        {
            if (!NativeLibrary.TryLoad(fileName, out var handle))
            {
                reasons.Add($"{fileName} could not be loaded");
                continue;
            }

            var exports = new nint[ExportNames.Length];
            var missing = ExportNames.Where((name, i) => !NativeLibrary.TryGetExport(handle, name, out exports[i])).ToList();
            if (missing.Count == 0)
            {
                failure = "";
                return new OpenBlasLibrary(fileName, exports);
            }

            reasons.Add($"{fileName} has no {string.Join(", ", missing)}");
            NativeLibrary.Free(handle);
        }

        failure = string.Join("; ", reasons);
        return null;
    }

    /// <summary>C = alpha·op(A)·op(B) + beta·C through <c>cblas_sgemm</c>.</summary>
    public void Gemm(in GemmShape shape, float alpha, float[] a, float[] b, float beta, float[] c)
    {
        if (shape.IsEmpty)
        {
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            _sgemm(CblasColMajor, shape.TransposeA, shape.TransposeB, shape.M, shape.N, shape.K,
                alpha, pa, shape.Lda, pb, shape.Ldb, beta, pc, shape.Ldc);
        }
    }

    /// <summary>C = alpha·op(A)·op(B) + beta·C through <c>cblas_dgemm</c>.</summary>
    public void Gemm(in GemmShape shape, double alpha, double[] a, double[] b, double beta, double[] c)
    {
        if (shape.IsEmpty)
        {
            return;
        }

        fixed (double* pa = a, pb = b, pc = c)
        {
            _dgemm(CblasColMajor, shape.TransposeA, shape.TransposeB, shape.M, shape.N, shape.K,
                alpha, pa, shape.Lda, pb, shape.Ldb, beta, pc, shape.Ldc);
        }
    }
}
