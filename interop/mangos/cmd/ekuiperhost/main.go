// Command ekuiperhost plays the host side of eKuiper's portable plugin
// protocol on mangos v3 (the library eKuiper itself uses) and runs a fixed
// conformance scenario against a plugin process: handshake, function calls,
// a source, a sink, then SIGKILL. It prints one JSON line per step on stdout
// and exits 0 only if every step passed.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"go.nanomsg.org/mangos/v3"
)

const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

type options struct {
	plugin       string
	execPath     string
	arg          string
	python       string
	script       string
	source       string
	sink         string
	function     string
	records      int
	rule         string
	stream       string
	sinkOp       string
	datasource   string
	sourceConfig map[string]interface{}
	sinkConfig   map[string]interface{}
	funcArgs     []interface{}
	ack          bool
	timeout      time.Duration
	initTimeout  time.Duration
	sendTimeout  time.Duration
	recvTimeout  time.Duration
	linger       time.Duration
	pause        time.Duration
}

func parseFlags() (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("ekuiperhost", flag.ContinueOnError)
	fs.StringVar(&o.plugin, "plugin", "", "plugin name (control socket ipc:///tmp/plugin_NAME.ipc)")
	fs.StringVar(&o.execPath, "exec", "", "plugin executable, launched like eKuiper's language go")
	fs.StringVar(&o.arg, "arg", `{"sendTimeout":1000}`, "the single argument passed to the plugin")
	fs.StringVar(&o.python, "python", "", "python interpreter, launched like eKuiper's language python (with --script)")
	fs.StringVar(&o.script, "script", "", "python plugin script (with --python)")
	fs.StringVar(&o.source, "source", "", "source symbol to test (skipped when empty)")
	fs.StringVar(&o.sink, "sink", "", "sink symbol to test (skipped when empty)")
	fs.StringVar(&o.function, "func", "", "function symbol to test (skipped when empty)")
	fs.IntVar(&o.records, "records", 5, "messages to receive from the source and to send to the sink")
	fs.StringVar(&o.rule, "rule", "rule1", "rule id used in metas and socket names")
	fs.StringVar(&o.stream, "stream", "demoStream", "source opId (the stream name)")
	fs.StringVar(&o.sinkOp, "sink-op", "", "sink opId (default <sink>_0, as eKuiper names the first action)")
	fs.StringVar(&o.datasource, "datasource", "topic1", "the stream's DATASOURCE (config.datasource)")
	srcCfg := fs.String("source-config", "{}", "JSON object merged into the source config")
	sinkCfg := fs.String("sink-config", "{}", "JSON object merged into the sink config")
	funcArgs := fs.String("func-args", `["abc"]`, "JSON array of Exec arguments (before the context argument)")
	fs.BoolVar(&o.ack, "ack", false, "set requireAck:true in the sink config and read one ack per message")
	timeout := fs.Int("timeout", 120000, "overall timeout in ms")
	initTimeout := fs.Int("init-timeout", 60000, "handshake timeout in ms (portable.initTimeout)")
	sendTimeout := fs.Int("send-timeout", 5000, "data/function send deadline in ms (portable.sendTimeout)")
	recvTimeout := fs.Int("recv-timeout", 5000, "data/function receive deadline in ms (portable.recvTimeout)")
	linger := fs.Int("linger", 500, "ms to wait before closing the sink socket when no acks are read")
	pause := fs.Int("pause", 0, "idle ms before each part and each function call (exercises the plugin's keep-alive)")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if o.plugin == "" {
		return nil, errors.New("--plugin is required")
	}
	if (o.execPath == "") == (o.python == "" && o.script == "") {
		return nil, errors.New("give either --exec PATH or --python PATH --script FILE")
	}
	if o.execPath == "" && (o.python == "" || o.script == "") {
		return nil, errors.New("--python and --script go together")
	}
	if o.records < 0 {
		return nil, errors.New("--records must not be negative")
	}
	if o.sinkOp == "" {
		o.sinkOp = o.sink + "_0"
	}
	if err := json.Unmarshal([]byte(*srcCfg), &o.sourceConfig); err != nil || o.sourceConfig == nil {
		return nil, fmt.Errorf("--source-config must be a JSON object: %v", err)
	}
	if err := json.Unmarshal([]byte(*sinkCfg), &o.sinkConfig); err != nil || o.sinkConfig == nil {
		return nil, fmt.Errorf("--sink-config must be a JSON object: %v", err)
	}
	if err := json.Unmarshal([]byte(*funcArgs), &o.funcArgs); err != nil || o.funcArgs == nil {
		return nil, fmt.Errorf("--func-args must be a JSON array: %v", err)
	}
	ms := func(v int) time.Duration { return time.Duration(v) * time.Millisecond }
	for _, v := range []int{*timeout, *initTimeout, *sendTimeout, *recvTimeout} {
		if v <= 0 {
			return nil, errors.New("timeouts must be positive")
		}
	}
	o.timeout, o.initTimeout = ms(*timeout), ms(*initTimeout)
	o.sendTimeout, o.recvTimeout, o.linger = ms(*sendTimeout), ms(*recvTimeout), ms(*linger)
	if *linger < 0 || *pause < 0 {
		return nil, errors.New("--linger and --pause must not be negative")
	}
	o.pause = ms(*pause)
	return o, nil
}

// ---- output ----

var outMu sync.Mutex

// fields are extra members of a step line; values that are json.RawMessage
// are embedded as they are.
type fields map[string]interface{}

// emit prints {"step":...,"ok":...,<fields sorted by name>} as one line.
func emit(step string, ok bool, f fields) {
	var b strings.Builder
	name, _ := json.Marshal(step)
	fmt.Fprintf(&b, `{"step":%s,"ok":%t`, name, ok)
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(f[k])
		if err != nil {
			vb, _ = json.Marshal(fmt.Sprint(f[k]))
		}
		fmt.Fprintf(&b, ",%s:%s", kb, vb)
	}
	b.WriteString("}\n")
	outMu.Lock()
	defer outMu.Unlock()
	_, _ = os.Stdout.WriteString(b.String())
}

// jsonOrText embeds a message as JSON when it is valid JSON, else as a string.
func jsonOrText(b []byte) interface{} {
	if json.Valid(b) {
		return json.RawMessage(append([]byte(nil), b...))
	}
	return string(b)
}

// ---- host ----

type host struct {
	o        *options
	started  time.Time
	cmd      *exec.Cmd
	procDone chan struct{}
	procErr  error
	ctrl     *reversedChannel

	mu      sync.Mutex
	sockets []interface{ Close() error }
	passed  int
	failed  int

	endOnce  sync.Once
	exitCode int
}

func (h *host) step(name string, ok bool, f fields) bool {
	h.mu.Lock()
	if ok {
		h.passed++
	} else {
		h.failed++
	}
	h.mu.Unlock()
	emit(name, ok, f)
	return ok
}

func (h *host) fail(name string, err error, f fields) bool {
	if f == nil {
		f = fields{}
	}
	f["error"] = err.Error()
	return h.step(name, false, f)
}

func (h *host) track(s interface{ Close() error }) {
	h.mu.Lock()
	h.sockets = append(h.sockets, s)
	h.mu.Unlock()
}

func (h *host) closeAll() {
	h.mu.Lock()
	socks := h.sockets
	h.sockets = nil
	h.mu.Unlock()
	for _, s := range socks {
		_ = s.Close()
	}
}

func (h *host) exitText() string {
	select {
	case <-h.procDone:
		if h.procErr != nil {
			return h.procErr.Error()
		}
		return "exit status 0"
	default:
		return "running"
	}
}

// await runs f and gives up early when the plugin process has exited.
func (h *host) await(what string, f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-h.procDone:
		select {
		case err := <-done:
			return err
		case <-time.After(300 * time.Millisecond):
			return fmt.Errorf("plugin exited (%s) while waiting for %s", h.exitText(), what)
		}
	}
}

func (h *host) launch() error {
	o := h.o
	var cmd *exec.Cmd
	if o.execPath != "" {
		path, err := filepath.Abs(o.execPath)
		if err != nil {
			return err
		}
		cmd = exec.Command(path, o.arg)
		cmd.Dir = filepath.Dir(path)
	} else {
		script, err := filepath.Abs(o.script)
		if err != nil {
			return err
		}
		python := o.python
		if strings.ContainsRune(python, filepath.Separator) {
			// Keep a venv interpreter's own path (no symlink resolution).
			if python, err = filepath.Abs(python); err != nil {
				return err
			}
		}
		cmd = exec.Command(python, "-u", script, o.arg)
		cmd.Dir = filepath.Dir(script)
	}
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	h.cmd = cmd
	go func() {
		h.procErr = cmd.Wait()
		close(h.procDone)
	}()
	return nil
}

func (h *host) kill() {
	if h.cmd == nil {
		return
	}
	select {
	case <-h.procDone:
	default:
		_ = h.cmd.Process.Kill()
		select {
		case <-h.procDone:
		case <-time.After(5 * time.Second):
		}
	}
}

// sendControl sends one start/stop command and expects exactly "ok".
func (h *host) sendControl(cmd string, c control) (fields, error) {
	arg, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	msg, err := json.Marshal(command{Cmd: cmd, Arg: string(arg)})
	if err != nil {
		return nil, err
	}
	f := fields{"command": json.RawMessage(msg)}
	var answer []byte
	var ex exchange
	err = h.await("the answer to "+cmd, func() error {
		var e error
		answer, ex, e = h.ctrl.call(msg)
		return e
	})
	addExchange(f, ex)
	if err != nil {
		return f, err
	}
	f["answer"] = string(answer)
	if string(answer) != "ok" {
		return f, fmt.Errorf("receive error: %s", answer)
	}
	return f, nil
}

func addExchange(f fields, ex exchange) {
	if len(ex.Discarded) > 0 {
		f["discarded"] = ex.Discarded
	}
	if ex.StaleAnswers > 0 {
		f["staleAnswers"] = ex.StaleAnswers
	}
}

func (h *host) run() {
	o := h.o
	ctrl, err := listenControl(o.plugin)
	if !h.stepErr("control.listen", err, fields{"url": controlURL(o.plugin)}) {
		return
	}
	h.ctrl = ctrl
	h.track(ctrl.sock)

	err = h.launch()
	lf := fields{}
	if h.cmd != nil {
		lf["pid"] = h.cmd.Process.Pid
		lf["argv"] = h.cmd.Args
		lf["dir"] = h.cmd.Dir
	}
	if !h.stepErr("launch", err, lf) {
		return
	}

	t0 := time.Now()
	var first []byte
	err = h.await("the handshake", func() error {
		var e error
		first, e = ctrl.handshake(o.initTimeout)
		return e
	})
	if !h.stepErr("handshake", err, fields{"message": string(first), "ms": time.Since(t0).Milliseconds()}) {
		return
	}

	if o.function != "" {
		time.Sleep(o.pause)
		h.runFunction()
	}
	if o.source != "" {
		time.Sleep(o.pause)
		h.runSource()
	}
	if o.sink != "" {
		time.Sleep(o.pause)
		h.runSink()
	}
}

func (h *host) stepErr(name string, err error, f fields) bool {
	if err != nil {
		return h.fail(name, err, f)
	}
	return h.step(name, true, f)
}

func (h *host) runFunction() {
	o := h.o
	ch, err := listenFunction(o.function, o.sendTimeout, o.recvTimeout)
	if err != nil {
		h.fail("func.start", err, fields{"url": functionURL(o.function)})
		return
	}
	h.track(ch.sock)
	f, err := h.sendControl("start", control{SymbolName: o.function, PluginType: "func"})
	f["url"] = functionURL(o.function)
	if !h.stepErr("func.start", err, f) {
		return
	}

	call := func(name string, arg interface{}) (*funcReply, fields, error) {
		req, err := json.Marshal(funcRequest{Func: name, Arg: arg})
		if err != nil {
			return nil, nil, err
		}
		time.Sleep(o.pause)
		f := fields{"request": json.RawMessage(req)}
		var reply []byte
		var ex exchange
		err = h.await("the reply to "+name, func() error {
			var e error
			reply, ex, e = ch.call(req)
			return e
		})
		addExchange(f, ex)
		if err != nil {
			return nil, f, err
		}
		f["reply"] = jsonOrText(reply)
		r := &funcReply{}
		if err = json.Unmarshal(reply, r); err != nil {
			return nil, f, fmt.Errorf("reply is not a function reply: %v", err)
		}
		return r, f, nil
	}

	r, f, err := call("IsAggregate", nil)
	if err == nil {
		if _, isBool := r.Result.(bool); !r.State || !isBool {
			err = errors.New("expected state:true with a boolean result")
		}
	}
	h.stepErr("func.IsAggregate", err, f)

	// Validate gets the parser's AST nodes; a literal serialises as {"Val":v}.
	nodes := make([]interface{}, len(o.funcArgs))
	for i, a := range o.funcArgs {
		nodes[i] = map[string]interface{}{"Val": a}
	}
	r, f, err = call("Validate", nodes)
	if err == nil && !r.State {
		err = errors.New("validate answered state:false")
	}
	h.stepErr("func.Validate", err, f)

	fctx, _ := json.Marshal(funcMeta{meta: meta{RuleID: o.rule, OpID: "op1"}})
	args := append(append([]interface{}{}, o.funcArgs...), string(fctx))
	r, f, err = call("Exec", args)
	if err == nil {
		f["result"] = r.Result
		if !r.State {
			err = errors.New("exec answered state:false")
		}
	}
	h.stepErr("func.Exec", err, f)
}

// sourceConfig builds the start config as eKuiper's GetSourceConf does:
// the user properties first, then the keys the host always sets.
func (h *host) sourceConfig() map[string]interface{} {
	cfg := map[string]interface{}{}
	for k, v := range h.o.sourceConfig {
		cfg[k] = v
	}
	cfg["format"] = "json"
	cfg["key"] = ""
	cfg["datasource"] = h.o.datasource
	cfg["schemaId"] = ""
	cfg["delimiter"] = ""
	cfg["retainSize"] = 0
	cfg["strictValidation"] = false
	cfg["timestamp"] = ""
	cfg["timestampFormat"] = ""
	return cfg
}

func (h *host) runSource() {
	o := h.o
	m := meta{RuleID: o.rule, OpID: o.stream}
	sock, err := listenSource(m, o.recvTimeout)
	if err != nil {
		h.fail("source.start", err, fields{"url": dataURL(m)})
		return
	}
	h.track(sock)
	c := control{SymbolName: o.source, Meta: m, PluginType: "source", Config: h.sourceConfig()}
	f, err := h.sendControl("start", c)
	f["url"] = dataURL(m)
	if !h.stepErr("source.start", err, f) {
		_ = sock.Close()
		return
	}
	for i := 0; i < o.records; i++ {
		var msg []byte
		err = h.await("a source message", func() error {
			for {
				var e error
				msg, e = sock.Recv()
				if e != mangos.ErrRecvTimeout {
					return e
				}
				select {
				case <-h.procDone:
					return e
				default:
				}
			}
		})
		if err != nil {
			h.fail("source.message", err, fields{"index": i})
			break
		}
		f := fields{"index": i, "data": jsonOrText(msg)}
		h.stepErr("source.message", checkSourceMessage(msg), f)
	}
	// As the host: close the data socket first, then send stop.
	_ = sock.Close()
	f, err = h.sendControl("stop", c)
	h.stepErr("source.stop", err, f)
}

// checkSourceMessage accepts {"message":{...},"meta":{...}|null}.
func checkSourceMessage(b []byte) error {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil || top == nil {
		return errors.New("not a JSON object")
	}
	raw, ok := top["message"]
	if !ok {
		return errors.New(`no "message" member (the host would ingest an empty row)`)
	}
	var msg map[string]interface{}
	if err := json.Unmarshal(raw, &msg); err != nil || msg == nil {
		return errors.New(`"message" is not an object`)
	}
	if rawMeta, ok := top["meta"]; ok && string(rawMeta) != "null" {
		var mt map[string]interface{}
		if err := json.Unmarshal(rawMeta, &mt); err != nil {
			return errors.New(`"meta" is neither an object nor null`)
		}
	}
	return nil
}

func (h *host) runSink() {
	o := h.o
	m := meta{RuleID: o.rule, OpID: o.sinkOp}
	// The host always listens on the ack channel, whatever requireAck says.
	ackSock, err := listenAck(m)
	if err != nil {
		h.fail("sink.start", err, fields{"ackUrl": ackURL(m)})
		return
	}
	h.track(ackSock)
	cfg := map[string]interface{}{}
	for k, v := range o.sinkConfig {
		cfg[k] = v
	}
	if o.ack {
		cfg["requireAck"] = true
	}
	c := control{SymbolName: o.sink, Meta: m, PluginType: "sink", Config: cfg}
	f, err := h.sendControl("start", c)
	f["ackUrl"] = ackURL(m)
	if !h.stepErr("sink.start", err, f) {
		_ = ackSock.Close()
		return
	}
	dataSock, err := dialSink(m, o.sendTimeout)
	if !h.stepErr("sink.dial", err, fields{"url": dataURL(m)}) {
		// As the host: a failed dial makes it send stop.
		_ = ackSock.Close()
		f, err = h.sendControl("stop", c)
		h.stepErr("sink.stop", err, f)
		return
	}
	h.track(dataSock)
	for i := 0; i < o.records; i++ {
		data, _ := json.Marshal([]map[string]int{{"n": i}})
		f := fields{"index": i, "data": json.RawMessage(data)}
		if err = dataSock.Send(data); err != nil {
			h.fail("sink.send", err, f)
			break
		}
		if o.ack {
			var a []byte
			err = h.await("an ack", func() error {
				for {
					var e error
					a, e = ackSock.Recv()
					if e != mangos.ErrRecvTimeout {
						return e
					}
				}
			})
			if err == nil {
				f["ack"] = jsonOrText(a)
				r := &ackMessage{}
				if e := json.Unmarshal(a, r); e != nil {
					err = fmt.Errorf("ack is not a JSON object: %v", e)
				} else if r.Error != "" {
					err = fmt.Errorf("sink reported: %s", r.Error)
				}
			}
		}
		h.stepErr("sink.send", err, f)
	}
	if !o.ack {
		// Nothing confirms delivery; closing a PUSH drops what is still queued.
		time.Sleep(o.linger)
	}
	_ = dataSock.Close()
	_ = ackSock.Close()
	f, err = h.sendControl("stop", c)
	h.stepErr("sink.stop", err, f)
}

// finish kills the plugin, closes every socket and prints the summary. It
// runs once; a concurrent caller (timeout, signal) gets the same exit code.
func (h *host) finish(abortReason string) int {
	h.endOnce.Do(func() {
		if abortReason != "" {
			h.step("abort", false, fields{"error": abortReason})
		}
		if h.cmd != nil {
			h.kill()
			h.step("kill", true, fields{"exit": h.exitText()})
		}
		h.closeAll()
		h.mu.Lock()
		passed, failed := h.passed, h.failed
		h.mu.Unlock()
		ok := failed == 0 && passed > 0
		emit("summary", ok, fields{"passed": passed, "failed": failed, "ms": time.Since(h.started).Milliseconds()})
		h.exitCode = exitFailure
		if ok {
			h.exitCode = exitOK
		}
	})
	return h.exitCode
}

func main() {
	o, err := parseFlags()
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(exitOK)
		}
		fmt.Fprintln(os.Stderr, "ekuiperhost:", err)
		os.Exit(exitUsage)
	}
	h := &host{o: o, started: time.Now(), procDone: make(chan struct{})}

	time.AfterFunc(o.timeout, func() {
		os.Exit(h.finish(fmt.Sprintf("overall timeout of %s", o.timeout)))
	})
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	go func() { os.Exit(h.finish(fmt.Sprintf("signal %s", <-sigs))) }()

	h.run()
	os.Exit(h.finish(""))
}
