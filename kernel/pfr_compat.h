/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels this module builds against.  Each is
 * found by a feature test in Kbuild (PFR_HAVE_*), never by comparing
 * version numbers, and handled here and nowhere else.
 */
#ifndef _PFR_COMPAT_H
#define _PFR_COMPAT_H

#include <linux/mm.h>

/* 6.3 made vm_flags read-only and added helpers to change them. */
static inline void pfr_vm_flags_set(struct vm_area_struct *vma,
				    unsigned long flags)
{
#ifdef PFR_HAVE_VM_FLAGS_SET
	vm_flags_set(vma, flags);
#else
	vma->vm_flags |= flags;
#endif
}

#endif /* _PFR_COMPAT_H */
