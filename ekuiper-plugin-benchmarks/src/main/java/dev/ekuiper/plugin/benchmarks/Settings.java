/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.ekuiper.plugin.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Command-line settings, with nngbench's flags and defaults: {@code -t ipc|tcp},
 * {@code -s sizes}, {@code -n roundtrips}, {@code -w warmup}, {@code -d seconds}.
 *
 * @param tcp nng transport: {@code false} for ipc, {@code true} for tcp
 * @param sizes comma list from {@code -s}, or {@code null} for the defaults
 * @param roundTrips timed round trips
 * @param warmup warm-up round trips or messages
 * @param seconds timed window of one-way streams
 */
record Settings(boolean tcp, String sizes, int roundTrips, int warmup, double seconds) {

	static Settings defaults() {
		return new Settings(false, null, 50_000, 2000, 3.0);
	}

	/**
	 * Parses the flags after the mode.
	 * @param args all arguments
	 * @param from index of the first flag
	 * @return the settings
	 * @throws IllegalArgumentException on a bad flag
	 */
	static Settings parse(String[] args, int from) {
		Settings s = defaults();
		for (int i = from; i < args.length; i++) {
			String flag = args[i];
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("missing value for " + flag);
			}
			String value = args[++i];
			s = switch (flag) {
				case "-t" -> new Settings("tcp".equals(value), s.sizes, s.roundTrips, s.warmup, s.seconds);
				case "-s" -> new Settings(s.tcp, value, s.roundTrips, s.warmup, s.seconds);
				case "-n" -> new Settings(s.tcp, s.sizes, Integer.parseInt(value), s.warmup, s.seconds);
				case "-w" -> new Settings(s.tcp, s.sizes, s.roundTrips, Integer.parseInt(value), s.seconds);
				case "-d" -> new Settings(s.tcp, s.sizes, s.roundTrips, s.warmup, Double.parseDouble(value));
				default -> throw new IllegalArgumentException("unknown flag " + flag);
			};
		}
		if (s.roundTrips < 1 || s.warmup < 0 || !(s.seconds > 0)) {
			throw new IllegalArgumentException("need -n >= 1, -w >= 0 and -d > 0");
		}
		return s;
	}

	/** Flags that reproduce these settings in a child process. */
	List<String> toArgs() {
		List<String> out = new ArrayList<>(
				List.of("-t", this.tcp ? "tcp" : "ipc", "-n", Integer.toString(this.roundTrips), "-w",
						Integer.toString(this.warmup), "-d", Double.toString(this.seconds)));
		if (this.sizes != null) {
			out.add("-s");
			out.add(this.sizes);
		}
		return out;
	}

	long streamNanos() {
		return (long) (this.seconds * 1e9);
	}

	/**
	 * Sizes for a shape: {@code -s}, else 100,4096 for round trips and 100,4096,65536 for
	 * streams.
	 */
	List<Integer> sizesFor(Kind kind) {
		String list = (this.sizes != null) ? this.sizes : kind.roundTrip() ? "100,4096" : "100,4096,65536";
		List<Integer> result = new ArrayList<>();
		for (String part : list.split(",")) {
			if (part.isBlank()) {
				continue;
			}
			int size = Integer.parseInt(part.trim());
			if (size < 1 || size > 64 * 1024) {
				throw new IllegalArgumentException("size must be 1..65536");
			}
			result.add(size);
		}
		return result;
	}

}
