/*
 * For the Windows tests under Wine only; never shipped with ketluan.
 *
 * Rust's standard library (1.78 and later) takes its random bytes (the
 * keys of its hash maps) from ProcessPrng in bcryptprimitives.dll, which
 * Windows 10 and 11 have and Wine 8 (Debian 12) does not. This stand-in
 * exports ProcessPrng and asks Wine's RtlGenRandom (advapi32's
 * SystemFunction036) for the bytes. tests/windows.rs builds it with mingw
 * and puts it beside ketluan.exe, with WINEDLLOVERRIDES preferring it.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
