/**
 * The CPU backend: Java-array storages, elementwise, broadcast, reduction, layout and sampling kernels in Java,
 * matrix products in OpenBLAS through JavaCPP. {@link io.pplj.tensor.cpu.CpuBackend} is its only public type.
 */
package io.pplj.tensor.cpu;
