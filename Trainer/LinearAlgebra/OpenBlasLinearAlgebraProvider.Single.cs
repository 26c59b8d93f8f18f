using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

// Every float member except the products (in OpenBlasLinearAlgebraProvider.cs), forwarded to MathNet's managed provider.
internal sealed partial class OpenBlasLinearAlgebraProvider
{
    public void AddVectorToScaledVector(float[] y, float alpha, float[] x, float[] result) =>
        Managed.AddVectorToScaledVector(y, alpha, x, result);

    public void ScaleArray(float alpha, float[] x, float[] result) =>
        Managed.ScaleArray(alpha, x, result);

    public void ConjugateArray(float[] x, float[] result) =>
        Managed.ConjugateArray(x, result);

    public float DotProduct(float[] x, float[] y) =>
        Managed.DotProduct(x, y);

    public void AddArrays(float[] x, float[] y, float[] result) =>
        Managed.AddArrays(x, y, result);

    public void SubtractArrays(float[] x, float[] y, float[] result) =>
        Managed.SubtractArrays(x, y, result);

    public void PointWiseMultiplyArrays(float[] x, float[] y, float[] result) =>
        Managed.PointWiseMultiplyArrays(x, y, result);

    public void PointWiseDivideArrays(float[] x, float[] y, float[] result) =>
        Managed.PointWiseDivideArrays(x, y, result);

    public void PointWisePowerArrays(float[] x, float[] y, float[] result) =>
        Managed.PointWisePowerArrays(x, y, result);

    public double MatrixNorm(Norm norm, int rows, int columns, float[] matrix) =>
        Managed.MatrixNorm(norm, rows, columns, matrix);

    public void LUFactor(float[] data, int order, int[] ipiv) =>
        Managed.LUFactor(data, order, ipiv);

    public void LUInverse(float[] a, int order) =>
        Managed.LUInverse(a, order);

    public void LUInverseFactored(float[] a, int order, int[] ipiv) =>
        Managed.LUInverseFactored(a, order, ipiv);

    public void LUSolve(int columnsOfB, float[] a, int order, float[] b) =>
        Managed.LUSolve(columnsOfB, a, order, b);

    public void LUSolveFactored(int columnsOfB, float[] a, int order, int[] ipiv, float[] b) =>
        Managed.LUSolveFactored(columnsOfB, a, order, ipiv, b);

    public void CholeskyFactor(float[] a, int order) =>
        Managed.CholeskyFactor(a, order);

    public void CholeskySolve(float[] a, int orderA, float[] b, int columnsB) =>
        Managed.CholeskySolve(a, orderA, b, columnsB);

    public void CholeskySolveFactored(float[] a, int orderA, float[] b, int columnsB) =>
        Managed.CholeskySolveFactored(a, orderA, b, columnsB);

    public void QRFactor(float[] a, int rowsA, int columnsA, float[] q, float[] tau) =>
        Managed.QRFactor(a, rowsA, columnsA, q, tau);

    public void ThinQRFactor(float[] a, int rowsA, int columnsA, float[] r, float[] tau) =>
        Managed.ThinQRFactor(a, rowsA, columnsA, r, tau);

    public void QRSolve(float[] a, int rows, int columns, float[] b, int columnsB, float[] x, QRMethod method = QRMethod.Full) =>
        Managed.QRSolve(a, rows, columns, b, columnsB, x, method);

    public void QRSolveFactored(float[] q, float[] r, int rowsA, int columnsA, float[] tau, float[] b, int columnsB, float[] x, QRMethod method = QRMethod.Full) =>
        Managed.QRSolveFactored(q, r, rowsA, columnsA, tau, b, columnsB, x, method);

    public void SingularValueDecomposition(bool computeVectors, float[] a, int rowsA, int columnsA, float[] s, float[] u, float[] vt) =>
        Managed.SingularValueDecomposition(computeVectors, a, rowsA, columnsA, s, u, vt);

    public void SvdSolve(float[] a, int rowsA, int columnsA, float[] b, int columnsB, float[] x) =>
        Managed.SvdSolve(a, rowsA, columnsA, b, columnsB, x);

    public void SvdSolveFactored(int rowsA, int columnsA, float[] s, float[] u, float[] vt, float[] b, int columnsB, float[] x) =>
        Managed.SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);

    public void EigenDecomp(bool isSymmetric, int order, float[] matrix, float[] matrixEv, Complex[] vectorEv, float[] matrixD) =>
        Managed.EigenDecomp(isSymmetric, order, matrix, matrixEv, vectorEv, matrixD);
}
