using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

// Every double member except the products (in OpenBlasLinearAlgebraProvider.cs), forwarded to MathNet's managed provider.
internal sealed partial class OpenBlasLinearAlgebraProvider
{
    public void AddVectorToScaledVector(double[] y, double alpha, double[] x, double[] result) =>
        Managed.AddVectorToScaledVector(y, alpha, x, result);

    public void ScaleArray(double alpha, double[] x, double[] result) =>
        Managed.ScaleArray(alpha, x, result);

    public void ConjugateArray(double[] x, double[] result) =>
        Managed.ConjugateArray(x, result);

    public double DotProduct(double[] x, double[] y) =>
        Managed.DotProduct(x, y);

    public void AddArrays(double[] x, double[] y, double[] result) =>
        Managed.AddArrays(x, y, result);

    public void SubtractArrays(double[] x, double[] y, double[] result) =>
        Managed.SubtractArrays(x, y, result);

    public void PointWiseMultiplyArrays(double[] x, double[] y, double[] result) =>
        Managed.PointWiseMultiplyArrays(x, y, result);

    public void PointWiseDivideArrays(double[] x, double[] y, double[] result) =>
        Managed.PointWiseDivideArrays(x, y, result);

    public void PointWisePowerArrays(double[] x, double[] y, double[] result) =>
        Managed.PointWisePowerArrays(x, y, result);

    public double MatrixNorm(Norm norm, int rows, int columns, double[] matrix) =>
        Managed.MatrixNorm(norm, rows, columns, matrix);

    public void LUFactor(double[] data, int order, int[] ipiv) =>
        Managed.LUFactor(data, order, ipiv);

    public void LUInverse(double[] a, int order) =>
        Managed.LUInverse(a, order);

    public void LUInverseFactored(double[] a, int order, int[] ipiv) =>
        Managed.LUInverseFactored(a, order, ipiv);

    public void LUSolve(int columnsOfB, double[] a, int order, double[] b) =>
        Managed.LUSolve(columnsOfB, a, order, b);

    public void LUSolveFactored(int columnsOfB, double[] a, int order, int[] ipiv, double[] b) =>
        Managed.LUSolveFactored(columnsOfB, a, order, ipiv, b);

    public void CholeskyFactor(double[] a, int order) =>
        Managed.CholeskyFactor(a, order);

    public void CholeskySolve(double[] a, int orderA, double[] b, int columnsB) =>
        Managed.CholeskySolve(a, orderA, b, columnsB);

    public void CholeskySolveFactored(double[] a, int orderA, double[] b, int columnsB) =>
        Managed.CholeskySolveFactored(a, orderA, b, columnsB);

    public void QRFactor(double[] a, int rowsA, int columnsA, double[] q, double[] tau) =>
        Managed.QRFactor(a, rowsA, columnsA, q, tau);

    public void ThinQRFactor(double[] a, int rowsA, int columnsA, double[] r, double[] tau) =>
        Managed.ThinQRFactor(a, rowsA, columnsA, r, tau);

    public void QRSolve(double[] a, int rows, int columns, double[] b, int columnsB, double[] x, QRMethod method = QRMethod.Full) =>
        Managed.QRSolve(a, rows, columns, b, columnsB, x, method);

    public void QRSolveFactored(double[] q, double[] r, int rowsA, int columnsA, double[] tau, double[] b, int columnsB, double[] x, QRMethod method = QRMethod.Full) =>
        Managed.QRSolveFactored(q, r, rowsA, columnsA, tau, b, columnsB, x, method);

    public void SingularValueDecomposition(bool computeVectors, double[] a, int rowsA, int columnsA, double[] s, double[] u, double[] vt) =>
        Managed.SingularValueDecomposition(computeVectors, a, rowsA, columnsA, s, u, vt);

    public void SvdSolve(double[] a, int rowsA, int columnsA, double[] b, int columnsB, double[] x) =>
        Managed.SvdSolve(a, rowsA, columnsA, b, columnsB, x);

    public void SvdSolveFactored(int rowsA, int columnsA, double[] s, double[] u, double[] vt, double[] b, int columnsB, double[] x) =>
        Managed.SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);

    public void EigenDecomp(bool isSymmetric, int order, double[] matrix, double[] matrixEv, Complex[] vectorEv, double[] matrixD) =>
        Managed.EigenDecomp(isSymmetric, order, matrix, matrixEv, vectorEv, matrixD);
}
