using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

// MathNet's Complex32 is not used by the trainer: every member is forwarded to MathNet's managed provider.
internal sealed partial class OpenBlasLinearAlgebraProvider
{
    public void AddVectorToScaledVector(Complex32[] y, Complex32 alpha, Complex32[] x, Complex32[] result) =>
        Managed.AddVectorToScaledVector(y, alpha, x, result);

    public void ScaleArray(Complex32 alpha, Complex32[] x, Complex32[] result) =>
        Managed.ScaleArray(alpha, x, result);

    public void ConjugateArray(Complex32[] x, Complex32[] result) =>
        Managed.ConjugateArray(x, result);

    public Complex32 DotProduct(Complex32[] x, Complex32[] y) =>
        Managed.DotProduct(x, y);

    public void AddArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        Managed.AddArrays(x, y, result);

    public void SubtractArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        Managed.SubtractArrays(x, y, result);

    public void PointWiseMultiplyArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        Managed.PointWiseMultiplyArrays(x, y, result);

    public void PointWiseDivideArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        Managed.PointWiseDivideArrays(x, y, result);

    public void PointWisePowerArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        Managed.PointWisePowerArrays(x, y, result);

    public double MatrixNorm(Norm norm, int rows, int columns, Complex32[] matrix) =>
        Managed.MatrixNorm(norm, rows, columns, matrix);

    public void MatrixMultiply(Complex32[] x, int rowsX, int columnsX, Complex32[] y, int rowsY, int columnsY, Complex32[] result) =>
        Managed.MatrixMultiply(x, rowsX, columnsX, y, rowsY, columnsY, result);

    public void MatrixMultiplyWithUpdate(Transpose transposeA, Transpose transposeB, Complex32 alpha, Complex32[] a, int rowsA, int columnsA, Complex32[] b, int rowsB, int columnsB, Complex32 beta, Complex32[] c) =>
        Managed.MatrixMultiplyWithUpdate(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);

    public void LUFactor(Complex32[] data, int order, int[] ipiv) =>
        Managed.LUFactor(data, order, ipiv);

    public void LUInverse(Complex32[] a, int order) =>
        Managed.LUInverse(a, order);

    public void LUInverseFactored(Complex32[] a, int order, int[] ipiv) =>
        Managed.LUInverseFactored(a, order, ipiv);

    public void LUSolve(int columnsOfB, Complex32[] a, int order, Complex32[] b) =>
        Managed.LUSolve(columnsOfB, a, order, b);

    public void LUSolveFactored(int columnsOfB, Complex32[] a, int order, int[] ipiv, Complex32[] b) =>
        Managed.LUSolveFactored(columnsOfB, a, order, ipiv, b);

    public void CholeskyFactor(Complex32[] a, int order) =>
        Managed.CholeskyFactor(a, order);

    public void CholeskySolve(Complex32[] a, int orderA, Complex32[] b, int columnsB) =>
        Managed.CholeskySolve(a, orderA, b, columnsB);

    public void CholeskySolveFactored(Complex32[] a, int orderA, Complex32[] b, int columnsB) =>
        Managed.CholeskySolveFactored(a, orderA, b, columnsB);

    public void QRFactor(Complex32[] a, int rowsA, int columnsA, Complex32[] q, Complex32[] tau) =>
        Managed.QRFactor(a, rowsA, columnsA, q, tau);

    public void ThinQRFactor(Complex32[] a, int rowsA, int columnsA, Complex32[] r, Complex32[] tau) =>
        Managed.ThinQRFactor(a, rowsA, columnsA, r, tau);

    public void QRSolve(Complex32[] a, int rows, int columns, Complex32[] b, int columnsB, Complex32[] x, QRMethod method = QRMethod.Full) =>
        Managed.QRSolve(a, rows, columns, b, columnsB, x, method);

    public void QRSolveFactored(Complex32[] q, Complex32[] r, int rowsA, int columnsA, Complex32[] tau, Complex32[] b, int columnsB, Complex32[] x, QRMethod method = QRMethod.Full) =>
        Managed.QRSolveFactored(q, r, rowsA, columnsA, tau, b, columnsB, x, method);

    public void SingularValueDecomposition(bool computeVectors, Complex32[] a, int rowsA, int columnsA, Complex32[] s, Complex32[] u, Complex32[] vt) =>
        Managed.SingularValueDecomposition(computeVectors, a, rowsA, columnsA, s, u, vt);

    public void SvdSolve(Complex32[] a, int rowsA, int columnsA, Complex32[] b, int columnsB, Complex32[] x) =>
        Managed.SvdSolve(a, rowsA, columnsA, b, columnsB, x);

    public void SvdSolveFactored(int rowsA, int columnsA, Complex32[] s, Complex32[] u, Complex32[] vt, Complex32[] b, int columnsB, Complex32[] x) =>
        Managed.SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);

    public void EigenDecomp(bool isSymmetric, int order, Complex32[] matrix, Complex32[] matrixEv, Complex[] vectorEv, Complex32[] matrixD) =>
        Managed.EigenDecomp(isSymmetric, order, matrix, matrixEv, vectorEv, matrixD);
}
