id	username	first_name	last_name	email	password	is_staff	is_active	is_superuser	last_login	date_joined	status	email_key	avatar_type	country	show_country	date_of_birth	interesting_tags	ignored_tags	email_tag_filter_strategy	display_tag_filter_strategy	consecutive_days_visit_count
7	samced_staff	Stina	Staff	stina.staff@example.org		1	1	0	2025-12-06 15:53:00	2023-05-10 09:00:00		NULL			0	NULL			0	0	0
1001	alva_berg			alva.berg1001@example.org		0	1	0	2025-12-06 08:03:00	2024-11-12 20:50:20		NULL			0	NULL			0	0	0
1002	noahl			noah.lindqvist1002@example.org		0	1	0	2025-12-06 07:02:00	2025-09-26 15:22:07		NULL			0	NULL			0	0	0
1003	majaok	Maja	Okafor	maja.okafor1003@example.org		0	1	0	2025-12-06 07:00:00	2024-03-29 00:29:11		NULL			0	NULL			0	0	0
1004	liam.t			liam.tanaka1004@example.org		0	1	0	2025-12-06 05:59:00	2024-11-27 23:01:27		NULL			0	NULL			0	0	0
1005	chidi_o			chidi.okafor1005@example.org		0	1	0	2025-12-06 04:58:00	2025-08-17 00:28:56		NULL			0	NULL			0	0	0
1006	annmoreau	Anna	Moreau	anna.moreau1006@example.org		0	1	0	2025-12-06 03:57:00	2024-10-01 14:17:08		NULL			0	NULL			0	0	0
1007	felix_lindqvist7	Felix	Lindqvist	felix.lindqvist1007@example.org		0	1	0	2025-12-06 02:56:00	2024-05-22 04:29:16		NULL			0	NULL			0	0	0
1008	jonas_kim8	Jonas	Kim	jonas.kim1008@example.org		0	1	0	2025-12-06 01:55:00	2025-05-07 04:49:30		NULL			0	NULL			0	0	0
1009	noah_tanaka9			noah.tanaka1009@example.org		0	1	0	2025-12-06 00:54:00	2024-10-19 22:09:56		NULL			0	NULL			0	0	0
1010	erik_rossi10			erik.rossi1010@example.org		0	1	0	2025-12-05 23:53:00	2024-11-03 14:49:24		NULL			0	NULL			0	0	0
1011	ravi_kim11	Ravi	Kim	ravi.kim1011@example.org		0	1	0	2025-12-05 22:52:00	2025-02-08 10:50:52		NULL			0	NULL			0	0	0
1012	maja_moreau12			maja.moreau1012@example.org		0	1	0	2025-12-05 21:51:00	2025-01-06 20:14:30		NULL			0	NULL			0	0	0
1013	lucas_lindqvist13	Lucas	Lindqvist	lucas.lindqvist1013@example.org		0	1	0	2025-12-05 20:50:00	2024-04-23 03:30:19		NULL			0	NULL			0	0	0
1014	ines_patel14	Ines	Patel	ines.patel1014@example.org		0	1	0	2025-12-05 19:49:00	2024-05-09 07:02:56		NULL			0	NULL			0	0	0
1015	zoe_nguyen15			zoe.nguyen1015@example.org		0	1	0	2025-12-05 18:48:00	2025-08-31 01:18:10		NULL			0	NULL			0	0	0
1016	felix_nguyen16	Felix	Nguyen	felix.nguyen1016@example.org		0	1	0	2025-12-05 17:47:00	2024-08-06 06:14:10		NULL			0	NULL			0	0	0
1017	aiko_moreau17			aiko.moreau1017@example.org		0	1	0	2025-12-05 16:46:00	2025-04-07 16:30:48		NULL			0	NULL			0	0	0
1018	tomas_andersson18	Tomas	Andersson	tomas.andersson1018@example.org		0	1	0	2025-12-05 15:45:00	2024-11-03 23:05:06		NULL			0	NULL			0	0	0
1019	hugo_andersson19	Hugo	Andersson	hugo.andersson1019@example.org		0	1	0	2025-12-05 14:44:00	2025-08-23 14:30:59		NULL			0	NULL			0	0	0
1020	amara_rossi20	Amara	Rossi	amara.rossi1020@example.org		0	1	0	2025-12-05 13:43:00	2024-10-03 15:47:12		NULL			0	NULL			0	0	0
