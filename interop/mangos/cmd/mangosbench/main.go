// Command mangosbench is the mangos v3 counterpart of nngbench (the libnng
// anchor) and of the Java harness in ekuiper-plugin-benchmarks: the same
// shapes, process model and output lines, so that libnng, mangos and the
// Java transport can be compared in one run.
//
//	mangosbench reqrep|pushpull|all [-t ipc|tcp] [-s sizes] [-n roundtrips] [-w warmup] [-d seconds]
//
// Mode reqrep is a REQ client and a REP echo: 2000 warm-up and 50,000 timed
// round trips of 100 B and 4 KiB, giving round trips/s and p50/p99/p99.9 in
// microseconds. Mode pushpull is PUSH to PULL: 2000 warm-up messages, then
// the receiver counts for 3 s; 100 B, 4 KiB and 64 KiB, giving msgs/s and
// payload MB/s (1 MB = 10^6 B).
//
// For every configuration the top process, which never opens a socket,
// starts a fresh measurer (itself with -measure: listens, times, reports on
// stdout) and then a fresh peer (itself with -peer: dials). Nothing is pinned
// and nothing busy-waits. Sockets use mangos' defaults and the plain
// Send/Recv calls with caller-owned byte slices.
//
// Each configuration prints one fixed line in nngbench's format, followed by
// allocation keys: alloc_b (Go heap bytes allocated per message by the
// measuring process, from runtime.MemStats.TotalAlloc), extra_b (alloc_b
// minus the payload size), and the same for the peer process (a sending
// peer materialises no payload, so its extra is all it allocates).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.nanomsg.org/mangos/v3"
	"go.nanomsg.org/mangos/v3/protocol/pull"
	"go.nanomsg.org/mangos/v3/protocol/push"
	"go.nanomsg.org/mangos/v3/protocol/rep"
	"go.nanomsg.org/mangos/v3/protocol/req"
	_ "go.nanomsg.org/mangos/v3/transport/ipc"
	_ "go.nanomsg.org/mangos/v3/transport/tcp"
)

const mangosVersion = "v3.4.2"

type settings struct {
	tcp   bool
	sizes string
	n     int
	warm  int
	secs  float64
}

type kind int

const (
	reqrepKind kind = iota
	pushpullKind
)

func (k kind) String() string {
	if k == reqrepKind {
		return "reqrep"
	}
	return "pushpull"
}

// result is what a measurer reports to the top process.
type result struct {
	secs            float64
	count           int64
	p50, p99, p999  float64
	allocPerMessage float64
}

func usage() {
	fmt.Fprint(os.Stderr, `usage: mangosbench reqrep|pushpull|all [-t ipc|tcp] [-s sizes]
                   [-n roundtrips] [-w warmup] [-d seconds]
  defaults: -t ipc -n 50000 -w 2000 -d 3; sizes 100,4096 for round
  trips and 100,4096,65536 for streams (-s overrides, comma list)
`)
	os.Exit(2)
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "mangosbench: "+format+"\n", args...)
	os.Exit(1)
}

func parseSettings(args []string) settings {
	fs := flag.NewFlagSet("mangosbench", flag.ContinueOnError)
	tr := fs.String("t", "ipc", "transport: ipc or tcp")
	sizes := fs.String("s", "", "comma-separated sizes")
	n := fs.Int("n", 50000, "timed round trips")
	w := fs.Int("w", 2000, "warm-up round trips / messages")
	d := fs.Float64("d", 3, "timed window of one-way streams, seconds")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		usage()
	}
	if *n < 1 || *w < 0 || !(*d > 0) {
		usage()
	}
	return settings{tcp: *tr == "tcp", sizes: *sizes, n: *n, warm: *w, secs: *d}
}

func (s settings) args() []string {
	tr := "ipc"
	if s.tcp {
		tr = "tcp"
	}
	out := []string{"-t", tr, "-n", strconv.Itoa(s.n), "-w", strconv.Itoa(s.warm),
		"-d", strconv.FormatFloat(s.secs, 'f', -1, 64)}
	if s.sizes != "" {
		out = append(out, "-s", s.sizes)
	}
	return out
}

func (s settings) sizesFor(k kind) []int {
	list := s.sizes
	if list == "" {
		if k == reqrepKind {
			list = "100,4096"
		} else {
			list = "100,4096,65536"
		}
	}
	var out []int
	for _, part := range strings.Split(list, ",") {
		if part == "" {
			continue
		}
		size, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || size < 1 || size > 64*1024 {
			fmt.Fprintln(os.Stderr, "size must be 1..65536")
			os.Exit(2)
		}
		out = append(out, size)
	}
	return out
}

// ------------------------------------------------------------- allocation

func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

func perMessage(before, after uint64, messages int64) float64 {
	if messages <= 0 {
		return 0
	}
	return float64(after-before) / float64(messages)
}

// ------------------------------------------------------------- measurers

func listenURL(s settings) string {
	if s.tcp {
		return "tcp://127.0.0.1:0"
	}
	return fmt.Sprintf("ipc:///tmp/nngbench-mangos-%d.ipc", os.Getpid())
}

// listen binds the socket and tells the top process the address to dial.
func listen(sock mangos.Socket, s settings) string {
	l, err := sock.NewListener(listenURL(s), nil)
	if err != nil {
		fail("listen: %v", err)
	}
	if err = l.Listen(); err != nil {
		fail("listen: %v", err)
	}
	fmt.Printf("ready %s\n", l.Address())
	return l.Address()
}

func cleanUp(s settings) {
	if !s.tcp {
		_ = os.Remove(fmt.Sprintf("/tmp/nngbench-mangos-%d.ipc", os.Getpid()))
	}
}

func payload(size int) []byte {
	b := make([]byte, size)
	for i := range b {
		b[i] = 'x'
	}
	return b
}

// Nearest-rank percentile of sorted samples, in microseconds.
func pctMicros(sorted []int64, q float64) float64 {
	rank := int(math.Ceil(q * float64(len(sorted))))
	if rank < 1 {
		rank = 1
	}
	return float64(sorted[rank-1]) / 1000.0
}

// REQ client: warm-up, then N timed round trips; a 0-byte request stops the peer.
func reqrepMeasure(s settings, size int) result {
	sock, err := req.NewSocket()
	if err != nil {
		fail("req: %v", err)
	}
	_ = sock.SetOption(mangos.OptionRecvDeadline, 10*time.Second) // no hangs
	_ = sock.SetOption(mangos.OptionSendDeadline, 10*time.Second)
	listen(sock, s)
	buf := payload(size)
	lat := make([]int64, s.n)
	var t0 time.Time
	var alloc0 uint64
	for i := -s.warm; i < s.n; i++ {
		if i == 0 {
			alloc0 = allocated()
		}
		start := time.Now()
		if i == 0 {
			t0 = start
		}
		if err = sock.Send(buf); err != nil {
			fail("reqrep send: %v", err)
		}
		reply, err := sock.Recv()
		if err != nil {
			fail("reqrep recv: %v", err)
		}
		end := time.Now()
		if len(reply) != size {
			fail("reqrep: got %d bytes, want %d", len(reply), size)
		}
		if i >= 0 {
			lat[i] = int64(end.Sub(start))
		}
	}
	secs := time.Since(t0).Seconds()
	alloc1 := allocated()
	sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
	r := result{secs: secs, count: int64(s.n), p50: pctMicros(lat, 0.50), p99: pctMicros(lat, 0.99),
		p999: pctMicros(lat, 0.999), allocPerMessage: perMessage(alloc0, alloc1, int64(s.n))}
	_ = sock.Send([]byte{}) // stop sentinel
	time.Sleep(50 * time.Millisecond)
	_ = sock.Close()
	cleanUp(s)
	return r
}

// REP echo: receive, send the same bytes back, until a 0-byte request or an error.
func reqrepPeer(s settings, url string) {
	sock, err := rep.NewSocket()
	if err != nil {
		fail("rep: %v", err)
	}
	if err = sock.Dial(url); err != nil {
		fail("dial %s: %v", url, err)
	}
	var count int64
	var alloc0 uint64
	for {
		m, err := sock.Recv()
		if err != nil || len(m) == 0 {
			break
		}
		if sock.Send(m) != nil {
			break
		}
		count++
		if count == int64(s.warm) {
			alloc0 = allocated()
		}
	}
	peerDone(alloc0, count-int64(s.warm))
	_ = sock.Close()
}

// PULL receiver: warm-up messages, then count for the timed window.
func pushpullMeasure(s settings, size int) result {
	sock, err := pull.NewSocket()
	if err != nil {
		fail("pull: %v", err)
	}
	_ = sock.SetOption(mangos.OptionRecvDeadline, 10*time.Second)
	listen(sock, s)
	for i := 0; i < s.warm; i++ {
		if _, err = sock.Recv(); err != nil {
			fail("pushpull warm-up: %v", err)
		}
	}
	alloc0 := allocated()
	limit := time.Duration(s.secs * 1e9)
	t0 := time.Now()
	var elapsed time.Duration
	var n int64
	for elapsed < limit {
		m, err := sock.Recv()
		if err != nil {
			fail("pushpull recv: %v", err)
		}
		if len(m) != size {
			fail("pushpull: got %d bytes, want %d", len(m), size)
		}
		n++
		elapsed = time.Since(t0)
	}
	alloc1 := allocated()
	_ = sock.Close() // the pusher's send then times out and it exits
	cleanUp(s)
	return result{secs: elapsed.Seconds(), count: n, allocPerMessage: perMessage(alloc0, alloc1, n)}
}

// PUSH sender: one Send per message, as fast as flow control allows, until
// the receiver is gone (the send times out).
func pushpullPeer(s settings, url string, size int) {
	sock, err := push.NewSocket()
	if err != nil {
		fail("push: %v", err)
	}
	_ = sock.SetOption(mangos.OptionSendDeadline, 500*time.Millisecond)
	if err = sock.Dial(url); err != nil {
		fail("dial %s: %v", url, err)
	}
	buf := payload(size)
	var count int64
	var alloc0 uint64
	for sock.Send(buf) == nil {
		count++
		if count == int64(s.warm) {
			alloc0 = allocated()
		}
	}
	peerDone(alloc0, count-int64(s.warm))
	_ = sock.Close()
}

func peerDone(alloc0 uint64, messages int64) {
	fmt.Printf("peer %.1f %d\n", perMessage(alloc0, allocated(), messages), messages)
}

// ------------------------------------------------------------- driver

func start(args []string) (*exec.Cmd, *bufio.Reader) {
	self, err := os.Executable()
	if err != nil {
		fail("executable: %v", err)
	}
	cmd := exec.Command(self, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		fail("pipe: %v", err)
	}
	if err = cmd.Start(); err != nil {
		fail("start: %v", err)
	}
	return cmd, bufio.NewReader(out)
}

func readLine(r *bufio.Reader) string {
	line, _ := r.ReadString('\n')
	return strings.TrimRight(line, "\n")
}

// runOne runs one configuration in two fresh processes.
func runOne(s settings, k kind, size int) (result, float64) {
	cmd := append([]string{"-measure", k.String(), strconv.Itoa(size)}, s.args()...)
	measurer, mout := start(cmd)
	ready := readLine(mout)
	if !strings.HasPrefix(ready, "ready ") {
		_ = measurer.Process.Kill()
		fail("%s size=%d: measurer did not get ready", k, size)
	}
	addr := strings.TrimPrefix(ready, "ready ")
	peerArgs := append([]string{"-peer", k.String(), addr, strconv.Itoa(size)}, s.args()...)
	peer, pout := start(peerArgs)

	line := readLine(mout)
	werr := measurer.Wait()
	f := strings.Fields(line)
	if werr != nil || len(f) != 7 || f[0] != "result" {
		_ = peer.Process.Kill() // our own child
		_ = peer.Wait()
		fail("%s size=%d: measurer failed", k, size)
	}
	var r result
	r.secs, _ = strconv.ParseFloat(f[1], 64)
	r.count, _ = strconv.ParseInt(f[2], 10, 64)
	r.p50, _ = strconv.ParseFloat(f[3], 64)
	r.p99, _ = strconv.ParseFloat(f[4], 64)
	r.p999, _ = strconv.ParseFloat(f[5], 64)
	r.allocPerMessage, _ = strconv.ParseFloat(f[6], 64)

	// The peer exits on its own (stop message / send timeout); give it 5 s.
	// Its stdout is read to the end before Wait, which closes the pipe.
	peerAlloc := make(chan float64, 1)
	go func() {
		v := math.NaN()
		for {
			l, err := pout.ReadString('\n')
			if fs := strings.Fields(l); len(fs) == 3 && fs[0] == "peer" {
				v, _ = strconv.ParseFloat(fs[1], 64)
			}
			if err != nil {
				break
			}
		}
		peerAlloc <- v
	}()
	var v float64
	select {
	case v = <-peerAlloc:
	case <-time.After(5 * time.Second):
		_ = peer.Process.Kill() // our own child
		v = <-peerAlloc
	}
	_ = peer.Wait()
	return r, v
}

func report(s settings, k kind, size int, r result, peerAlloc float64, summary *strings.Builder) {
	tr := "ipc"
	if s.tcp {
		tr = "tcp"
	}
	rate := float64(r.count) / r.secs
	peerExtra := peerAlloc
	if k == reqrepKind {
		peerExtra -= float64(size)
	}
	alloc := fmt.Sprintf(" alloc_b=%.1f extra_b=%.1f peer_alloc_b=%.1f peer_extra_b=%.1f",
		r.allocPerMessage, r.allocPerMessage-float64(size), peerAlloc, peerExtra)
	if k == reqrepKind {
		fmt.Printf("bench=%s transport=%s size=%d n=%d secs=%.3f rt_per_s=%.0f p50_us=%.1f p99_us=%.1f p999_us=%.1f%s\n",
			k, tr, size, r.count, r.secs, rate, r.p50, r.p99, r.p999, alloc)
		fmt.Fprintf(summary, "  %-16s %s %6d B: %8.0f round trips/s, p50 %.1f us, p99 %.1f us, p99.9 %.1f us, %.0f B/rt allocated\n",
			k, tr, size, rate, r.p50, r.p99, r.p999, r.allocPerMessage)
	} else {
		mbps := rate * float64(size) / 1e6
		fmt.Printf("bench=%s transport=%s size=%d msgs=%d secs=%.3f msgs_per_s=%.0f mb_per_s=%.1f%s\n",
			k, tr, size, r.count, r.secs, rate, mbps, alloc)
		fmt.Fprintf(summary, "  %-16s %s %6d B: %8.0f msgs/s, %.1f MB/s (payload), %.0f B/msg allocated\n",
			k, tr, size, rate, mbps, r.allocPerMessage)
	}
}

func parseKind(name string) kind {
	switch name {
	case "reqrep":
		return reqrepKind
	case "pushpull":
		return pushpullKind
	}
	usage()
	return 0
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "-measure": // -measure KIND SIZE flags...
		if len(os.Args) < 4 {
			usage()
		}
		s := parseSettings(os.Args[4:])
		size, _ := strconv.Atoi(os.Args[3])
		var r result
		if parseKind(os.Args[2]) == reqrepKind {
			r = reqrepMeasure(s, size)
		} else {
			r = pushpullMeasure(s, size)
		}
		fmt.Printf("result %.9f %d %.1f %.1f %.1f %.3f\n", r.secs, r.count, r.p50, r.p99, r.p999, r.allocPerMessage)
		return
	case "-peer": // -peer KIND ADDRESS SIZE flags...
		if len(os.Args) < 5 {
			usage()
		}
		s := parseSettings(os.Args[5:])
		size, _ := strconv.Atoi(os.Args[4])
		if parseKind(os.Args[2]) == reqrepKind {
			reqrepPeer(s, os.Args[3])
		} else {
			pushpullPeer(s, os.Args[3], size)
		}
		return
	}

	mode := os.Args[1]
	all := mode == "all"
	rr := all || mode == "reqrep"
	pp := all || mode == "pushpull"
	if !rr && !pp {
		usage()
	}
	s := parseSettings(os.Args[2:])
	var summary strings.Builder
	for _, k := range []kind{reqrepKind, pushpullKind} {
		if (k == reqrepKind && !rr) || (k == pushpullKind && !pp) {
			continue
		}
		for _, size := range s.sizesFor(k) {
			r, peerAlloc := runOne(s, k, size)
			report(s, k, size, r, peerAlloc, &summary)
		}
	}
	fmt.Printf("summary (mangos %s, %s, %d cpus, unpinned):\n%s", mangosVersion, runtime.Version(),
		runtime.NumCPU(), summary.String())
}
