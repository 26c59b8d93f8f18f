using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

// System.Numerics.Complex is not used by the trainer: every member is forwarded to MathNet's managed provider.
internal sealed partial class OpenBlasLinearAlgebraProvider
{
    public void AddVectorToScaledVector(Complex[] y, Complex alpha, Complex[] x, Complex[] result) =>
        Managed.AddVectorToScaledVector(y, alpha, x, result);

    public void ScaleArray(Complex alpha, Complex[] x, Complex[] result) =>
        Managed.ScaleArray(alpha, x, result);

    public void ConjugateArray(Complex[] x, Complex[] result) =>
        Managed.ConjugateArray(x, result);

    public Complex DotProduct(Complex[] x, Complex[] y) =>
        Managed.DotProduct(x, y);

    public void AddArrays(Complex[] x, Complex[] y, Complex[] result) =>
        Managed.AddArrays(x, y, result);

    public void SubtractArrays(Complex[] x, Complex[] y, Complex[] result) =>
        Managed.SubtractArrays(x, y, result);

    public void PointWiseMultiplyArrays(Complex[] x, Complex[] y, Complex[] result) =>
        Managed.PointWiseMultiplyArrays(x, y, result);

    public void PointWiseDivideArrays(Complex[] x, Complex[] y, Complex[] result) =>
        Managed.PointWiseDivideArrays(x, y, result);

    public void PointWisePowerArrays(Complex[] x, Complex[] y, Complex[] result) =>
        Managed.PointWisePowerArrays(x, y, result);

    public double MatrixNorm(Norm norm, int rows, int columns, Complex[] matrix) =>
        Managed.MatrixNorm(norm, rows, columns, matrix);

    public void MatrixMultiply(Complex[] x, int rowsX, int columnsX, Complex[] y, int rowsY, int columnsY, Complex[] result) =>
        Managed.MatrixMultiply(x, rowsX, columnsX, y, rowsY, columnsY, result);

    public void MatrixMultiplyWithUpdate(Transpose transposeA, Transpose transposeB, Complex alpha, Complex[] a, int rowsA, int columnsA, Complex[] b, int rowsB, int columnsB, Complex beta, Complex[] c) =>
        Managed.MatrixMultiplyWithUpdate(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);

    public void LUFactor(Complex[] data, int order, int[] ipiv) =>
        Managed.LUFactor(data, order, ipiv);

    public void LUInverse(Complex[] a, int order) =>
        Managed.LUInverse(a, order);

    public void LUInverseFactored(Complex[] a, int order, int[] ipiv) =>
        Managed.LUInverseFactored(a, order, ipiv);

    public void LUSolve(int columnsOfB, Complex[] a, int order, Complex[] b) =>
        Managed.LUSolve(columnsOfB, a, order, b);

    public void LUSolveFactored(int columnsOfB, Complex[] a, int order, int[] ipiv, Complex[] b) =>
        Managed.LUSolveFactored(columnsOfB, a, order, ipiv, b);

    public void CholeskyFactor(Complex[] a, int order) =>
        Managed.CholeskyFactor(a, order);

    public void CholeskySolve(Complex[] a, int orderA, Complex[] b, int columnsB) =>
        Managed.CholeskySolve(a, orderA, b, columnsB);

    public void CholeskySolveFactored(Complex[] a, int orderA, Complex[] b, int columnsB) =>
        Managed.CholeskySolveFactored(a, orderA, b, columnsB);

    public void QRFactor(Complex[] a, int rowsA, int columnsA, Complex[] q, Complex[] tau) =>
        Managed.QRFactor(a, rowsA, columnsA, q, tau);

    public void ThinQRFactor(Complex[] a, int rowsA, int columnsA, Complex[] r, Complex[] tau) =>
        Managed.ThinQRFactor(a, rowsA, columnsA, r, tau);

    public void QRSolve(Complex[] a, int rows, int columns, Complex[] b, int columnsB, Complex[] x, QRMethod method = QRMethod.Full) =>
        Managed.QRSolve(a, rows, columns, b, columnsB, x, method);

    public void QRSolveFactored(Complex[] q, Complex[] r, int rowsA, int columnsA, Complex[] tau, Complex[] b, int columnsB, Complex[] x, QRMethod method = QRMethod.Full) =>
        Managed.QRSolveFactored(q, r, rowsA, columnsA, tau, b, columnsB, x, method);

    public void SingularValueDecomposition(bool computeVectors, Complex[] a, int rowsA, int columnsA, Complex[] s, Complex[] u, Complex[] vt) =>
        Managed.SingularValueDecomposition(computeVectors, a, rowsA, columnsA, s, u, vt);

    public void SvdSolve(Complex[] a, int rowsA, int columnsA, Complex[] b, int columnsB, Complex[] x) =>
        Managed.SvdSolve(a, rowsA, columnsA, b, columnsB, x);

    public void SvdSolveFactored(int rowsA, int columnsA, Complex[] s, Complex[] u, Complex[] vt, Complex[] b, int columnsB, Complex[] x) =>
        Managed.SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);

    public void EigenDecomp(bool isSymmetric, int order, Complex[] matrix, Complex[] matrixEv, Complex[] vectorEv, Complex[] matrixD) =>
        Managed.EigenDecomp(isSymmetric, order, matrix, matrixEv, vectorEv, matrixD);
}
