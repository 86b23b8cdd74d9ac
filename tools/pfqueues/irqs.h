/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which interrupts serve a device's receive queues.  Drivers name a
 * queue's interrupt after the device and the queue: "eth0-TxRx-3"
 * (ixgbe, igb, bnxt), "eth0-rx-0" (e1000e, igb), "i40e-eth0-TxRx-1",
 * "eth0-fp-2" (bnx2x); virtio-net after its virtio device,
 * "virtio1-input.0".  Transmit-only, link and control interrupts
 * ("eth0-tx-0", "virtio1-output.0", "virtio1-config", "eth0") serve no
 * receive queue.  Interrupts named after the PCI address only
 * ("mlx5_comp0@pci:...") cannot be told apart and are not used.
 */
#ifndef PFQ_IRQS_H
#define PFQ_IRQS_H

/*
 * The receive queue an interrupt name serves for device dev (or for its
 * virtio device alias, which may be NULL), or -1.
 */
int pfq_irq_queue(const char *name, const char *dev, const char *alias);

/*
 * Calls found(irq, queue, name, arg) for each interrupt in the text of
 * /proc/interrupts that serves a receive queue of dev.
 */
void pfq_irqs_scan(const char *interrupts, const char *dev, const char *alias,
		   void (*found)(int irq, int queue, const char *name,
				 void *arg),
		   void *arg);

#endif
